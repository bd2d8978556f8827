/// The hybrid logical clock (Kulkarni et al., 2014) as a value: the last time issued, and the
/// two ways it moves forward. Pure, so the store can keep it in its database and tests can
/// drive it with any wall clock.
///
/// It never goes backwards: if the wall clock is set back (a dead RTC battery, a volunteer
/// fixing the time zone), the clock keeps the last time's milliseconds and counts up.
public struct HybridLogicalClock: Sendable, Hashable {
    /// The last time issued or observed.
    public private(set) var last: HLCTimestamp

    /// The device this clock issues times for.
    public var device: String { last.device }

    /// A clock that has issued `last` (the zero time for a new device).
    public init(last: HLCTimestamp) { self.last = last }

    /// A new device's clock, before any time was issued.
    public init(device: String) {
        self.last = HLCTimestamp(milliseconds: 0, counter: 0, device: device)
    }

    /// Issues the next time for a local event at wall time `now` (milliseconds).
    public mutating func tick(now: Int64) -> HLCTimestamp {
        if now > last.milliseconds {
            last = HLCTimestamp(milliseconds: now, counter: 0, device: last.device)
        } else {
            last = HLCTimestamp(milliseconds: last.milliseconds, counter: last.counter + 1, device: last.device)
        }
        return last
    }

    /// Takes in a time received from another device (sync), so later local times follow it.
    public mutating func receive(_ remote: HLCTimestamp, now: Int64) {
        let ms = max(now, last.milliseconds, remote.milliseconds)
        let counter: Int
        if ms == last.milliseconds && ms == remote.milliseconds {
            counter = max(last.counter, remote.counter) + 1
        } else if ms == last.milliseconds {
            counter = last.counter + 1
        } else if ms == remote.milliseconds {
            counter = remote.counter + 1
        } else {
            counter = 0
        }
        last = HLCTimestamp(milliseconds: ms, counter: counter, device: last.device)
    }
}
