import Foundation

/// Time for the runner: a monotonic clock for back-off, the wall clock for "last synced at",
/// and sleeping. Injected so tests run without waiting.
public protocol SyncClock: Sendable {
    /// Seconds on a clock that never jumps (back-off deadlines).
    func monotonicSeconds() -> Double
    /// The wall-clock time shown to people.
    func wallTime() -> Date
    /// Sleeps; throws when the task is cancelled.
    func sleep(seconds: Double) async throws
}

/// The real clocks.
public struct SystemSyncClock: SyncClock {
    public init() {}

    public func monotonicSeconds() -> Double {
        return Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    public func wallTime() -> Date { Date() }

    public func sleep(seconds: Double) async throws {
        try await Task.sleep(for: .milliseconds(Int64(max(0, seconds) * 1000)))
    }
}
