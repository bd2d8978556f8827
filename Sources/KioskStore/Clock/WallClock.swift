import Foundation

/// Where the store reads the time of day: the system clock in production, a settable one in
/// tests (a clock set back by hours, a lock-out that expires).
public struct WallClock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that returns `read()` milliseconds since 1970-01-01 UTC.
    public init(_ read: @escaping @Sendable () -> Int64) { self.read = read }

    /// Milliseconds since 1970-01-01 UTC.
    public func now() -> Int64 { read() }

    /// The system's wall clock.
    public static let system = WallClock { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
