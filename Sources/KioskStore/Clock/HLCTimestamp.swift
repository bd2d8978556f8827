import SyncWire

/// A hybrid logical clock time: wall-clock milliseconds, a counter that orders events issued in
/// the same millisecond (or while the wall clock lags), and the device that issued it.
///
/// Ordered by (milliseconds, counter, device), so two devices never issue equal times. The text
/// form sorts the same way as the values, so SQLite can order events by it.
public struct HLCTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Milliseconds since 1970-01-01 UTC (the logical part: never behind an earlier issue).
    public var milliseconds: Int64
    /// Orders times that share `milliseconds`.
    public var counter: Int
    /// The id of the device that issued the time.
    public var device: String

    /// A time from its parts.
    public init(milliseconds: Int64, counter: Int, device: String) {
        self.milliseconds = milliseconds
        self.counter = counter
        self.device = device
    }

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool {
        (lhs.milliseconds, lhs.counter, lhs.device) < (rhs.milliseconds, rhs.counter, rhs.device)
    }

    /// "000001767225600000-00003-<device>": fixed-width so text order is time order.
    public var description: String {
        let ms = String(milliseconds), c = String(counter)
        return String(repeating: "0", count: max(0, 18 - ms.count)) + ms + "-"
            + String(repeating: "0", count: max(0, 5 - c.count)) + c + "-" + device
    }

    /// The same time as the wire's strict form (which has already checked the text's widths).
    public init(_ wire: HLC) {
        self.init(milliseconds: wire.milliseconds, counter: wire.counter, device: wire.node)
    }

    /// Parses the text form; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let ms = Int64(parts[0]), let c = Int(parts[1]), !parts[2].isEmpty else {
            return nil
        }
        self.init(milliseconds: ms, counter: c, device: String(parts[2]))
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = HLCTimestamp(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a hybrid logical clock time")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
