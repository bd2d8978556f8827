/// How the donor self-service screen limits wrong verification attempts (`[self_service]` in
/// kiosk.conf). Counted per ID number and per kiosk over a window; a wrong answer is answered
/// more slowly each time, so guessing four phone digits takes longer than anyone will stand there.
public struct SelfServiceLimits: Sendable, Hashable {
    /// Wrong answers for one ID number before it is locked for the rest of the window.
    public var maxFailuresPerID: Int
    /// Wrong answers on this kiosk (any ID) before the kiosk refuses verification for the window.
    public var maxFailuresPerKiosk: Int
    /// How far back failures count, and how long a lock lasts after the last one.
    public var windowSeconds: Int
    /// Each wrong answer is answered this many seconds later per failure already counted.
    public var slowDownSeconds: Int

    /// Limits as configured.
    public init(maxFailuresPerID: Int, maxFailuresPerKiosk: Int, windowSeconds: Int, slowDownSeconds: Int) {
        self.maxFailuresPerID = maxFailuresPerID
        self.maxFailuresPerKiosk = maxFailuresPerKiosk
        self.windowSeconds = windowSeconds
        self.slowDownSeconds = slowDownSeconds
    }

    /// Reads the `[self_service]` table.
    static func read(_ table: TableReader) throws(PolicyError) -> SelfServiceLimits {
        SelfServiceLimits(
            maxFailuresPerID: try table.int("max_failures_per_id", min: 1),
            maxFailuresPerKiosk: try table.int("max_failures_per_kiosk", min: 1),
            windowSeconds: try table.int("window_seconds", min: 1),
            slowDownSeconds: try table.int("slow_down_seconds", min: 0))
    }
}
