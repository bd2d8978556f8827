import DonorCore

/// The second thing a donor must know, besides the ID number, to open their page: something
/// the kiosk can check offline.
public enum SecondFactor: String, Sendable, Hashable {
    /// The last four digits of the registered phone.
    case phoneDigits = "phone"
    /// The birth date as eight digits (YYYYMMDD), where no phone is known.
    case birthDate = "birth_date"

    /// Which factor to ask of `donor`; an unknown number is asked for phone digits like anyone,
    /// so the question itself never tells whether someone is in the registry.
    public static func asked(of donor: RegistryDonor?) -> SecondFactor {
        guard let donor else { return .phoneDigits }
        return donor.phone.map { !$0.isEmpty } == true ? .phoneDigits : .birthDate
    }

    /// Whether `answer` (as typed; spaces and hyphens ignored) is right for `donor`.
    public func matches(_ answer: String, _ donor: RegistryDonor) -> Bool {
        let typed = answer.filter { $0.isASCII && $0.isNumber }
        switch self {
        case .phoneDigits:
            guard let phone = donor.phone, typed.count == 4 else { return false }
            return String(phone.filter { $0.isASCII && $0.isNumber }.suffix(4)) == typed
        case .birthDate:
            return typed == donor.birthDate.iso.filter(\.isNumber)
        }
    }
}

/// The answer to a verification attempt.
public enum Verification: Sendable, Hashable {
    /// The donor, whose page may be shown.
    case verified(DonorRecord)
    /// Wrong (or no such donor: the two are never told apart); this many tries remain.
    case mismatch(attemptsLeft: Int)
    /// Too many wrong answers for this ID or on this kiosk; try again in about this many minutes.
    case locked(minutes: Int)
}

/// One counted verification attempt: when, for which ID (a keyed hash, never the number), and
/// whether it was wrong.
public struct VerificationAttempt: Sendable, Hashable {
    /// Milliseconds since 1970.
    public var atMilliseconds: Int64
    /// A keyed hash of the ID number.
    public var key: String
    public var failed: Bool

    /// An attempt.
    public init(atMilliseconds: Int64, key: String, failed: Bool) {
        self.atMilliseconds = atMilliseconds
        self.key = key
        self.failed = failed
    }
}

/// Counts wrong answers per ID and per kiosk under the configured limits. Pure: the services
/// keep the attempts (the store in its audit trail, so a restart does not reset them).
public struct AttemptLimiter: Sendable {
    public var limits: SelfServiceLimits

    /// A limiter under `limits`.
    public init(limits: SelfServiceLimits) { self.limits = limits }

    /// What the counts say for `key` at `now`, before another attempt.
    public enum Standing: Sendable, Hashable {
        /// An attempt may be made; `left` tries remain and a wrong one is answered after `delaySeconds`.
        case open(left: Int, delaySeconds: Int)
        /// Locked until `untilMilliseconds`.
        case locked(untilMilliseconds: Int64)
    }

    /// The standing of `key` given every recorded attempt (any order).
    public func standing(of key: String, attempts: [VerificationAttempt], now: Int64) -> Standing {
        let window = Int64(limits.windowSeconds) * 1000
        let recent = attempts.filter { now - $0.atMilliseconds < window }.sorted { $0.atMilliseconds < $1.atMilliseconds }
        // A right answer clears that ID's count; the kiosk's count only runs out with time.
        let lastSuccess = recent.last { $0.key == key && !$0.failed }?.atMilliseconds ?? Int64.min
        let mine = recent.filter { $0.key == key && $0.failed && $0.atMilliseconds > lastSuccess }
        let kiosk = recent.filter(\.failed)
        if mine.count >= limits.maxFailuresPerID, let last = mine.last {
            return .locked(untilMilliseconds: last.atMilliseconds + window)
        }
        if kiosk.count >= limits.maxFailuresPerKiosk, let last = kiosk.last {
            return .locked(untilMilliseconds: last.atMilliseconds + window)
        }
        let left = min(limits.maxFailuresPerID - mine.count, limits.maxFailuresPerKiosk - kiosk.count)
        return .open(left: left, delaySeconds: limits.slowDownSeconds * (mine.count + 1))
    }

    /// Whole minutes (at least one) from `now` until `until`.
    public static func minutes(from now: Int64, until: Int64) -> Int {
        max(1, Int((until - now + 59_999) / 60_000))
    }
}
