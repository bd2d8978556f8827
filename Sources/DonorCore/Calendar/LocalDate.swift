import Foundation

/// A date on the house's local calendar (year, month, day), with no time and no time zone.
///
/// Every rule in the domain is about calendar days ("valid through the day before the
/// anniversary", "six months after the last whole blood donation"), so the domain never
/// touches `Date`; the boundary converts once, in the house's time zone.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date, or nil when it does not exist on the calendar (2026-02-30, month 13).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil for any other shape or a date that does not exist.
    public init?(iso text: String) {
        // Bytes, not a split into Characters: every pulled payload carries dates. Only ASCII
        // digits and '-' pass, so the shape is exactly ten bytes.
        guard text.utf8.count == 10 else { return nil }
        var y = 0, m = 0, d = 0
        for (position, byte) in text.utf8.enumerated() {
            if position == 4 || position == 7 {
                guard byte == UInt8(ascii: "-") else { return nil }
                continue
            }
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            let digit = Int(byte - 0x30)
            if position < 4 { y = y * 10 + digit } else if position < 7 { m = m * 10 + digit } else { d = d * 10 + digit }
        }
        self.init(year: y, month: m, day: d)
    }

    /// Parses the compact `YYYYMMDD` form used inside ID numbers.
    public init?(compact text: Substring) {
        guard text.count == 8, text.allSatisfy(\.isASCIIDigit),
              let y = Int(text.prefix(4)), let m = Int(text.dropFirst(4).prefix(2)),
              let d = Int(text.suffix(2)) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`. Built by hand: `String(format:)` goes through Foundation's formatter and
    /// was a visible cost of applying a bootstrap page, where every payload carries dates. (The
    /// year is 1–9999, so four digits always hold it.)
    public var iso: String {
        return Self.padded(year, 4) + "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
    }

    private static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public var description: String { iso }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Whether `year` has a 29 February in the Gregorian calendar.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of a year.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (negative before), so day arithmetic is integer arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The same day `months` calendar months later, clamped to the end of a shorter month
    /// (2026-08-31 + 6 months = 2027-02-28).
    public func adding(months: Int) -> LocalDate {
        let total = year * 12 + (month - 1) + months
        let y = total / 12, m = total % 12 + 1
        let d = min(day, LocalDate.daysIn(month: m, year: y))
        return LocalDate(year: y, month: m, day: d)!
    }

    /// The day an anniversary falls on `months` calendar months later: the same day, or the
    /// first of the next month when that month is too short (2028-02-29 + 12 months =
    /// 2029-03-01, the day `age(on:)` makes someone born on 29 February a year older).
    /// Waiting times use `adding(months:)`, which clamps to the month's end instead.
    public func anniversary(months: Int) -> LocalDate {
        let clamped = adding(months: months)
        return clamped.day < day ? clamped.adding(days: 1) : clamped
    }

    /// The day someone born on this date turns `years` old (1 March in a common year for
    /// someone born on 29 February), consistent with `age(on:)`.
    public func birthday(turning years: Int) -> LocalDate {
        anniversary(months: years * 12)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> LocalDate {
        adding(months: years * 12)
    }

    /// Whole days from this date to `other` (positive when `other` is later).
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// Completed years of age on `date` for someone born on this date; a person is a year
    /// older on their birthday (someone born on 29 February ages on 1 March in common years).
    public func age(on date: LocalDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// The calendar date of an instant in a time zone (Asia/Shanghai for a house by default).
    public init(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        self.init(year: parts.year!, month: parts.month!, day: parts.day!)!
    }
}

extension LocalDate: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not a date of the form YYYY-MM-DD")
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

extension Character {
    /// An ASCII digit 0–9 (not the other Unicode digits `isNumber` accepts).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
