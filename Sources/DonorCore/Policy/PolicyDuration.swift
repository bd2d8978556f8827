/// A waiting time or validity from a policy file: `{ amount = 6, unit = "months" }`.
public struct PolicyDuration: Sendable, Hashable, CustomStringConvertible {
    /// Months and years are calendar units clamped to the month's end; days and weeks are
    /// exact days (DOMAIN.md §5, date arithmetic).
    public enum Unit: String, Sendable, CaseIterable {
        case days, weeks, months, years
    }

    public var amount: Int
    public var unit: Unit

    public init(amount: Int, unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    /// The date this duration after `date`.
    public func after(_ date: LocalDate) -> LocalDate {
        switch unit {
        case .days: return date.adding(days: amount)
        case .weeks: return date.adding(days: amount * 7)
        case .months: return date.adding(months: amount)
        case .years: return date.adding(years: amount)
        }
    }

    /// The anniversary of `date` this duration later, for validity periods: like `after`, but
    /// when months or years land on a day the month lacks, the anniversary is the first of the
    /// next month rather than the clamped last day (2028-02-29 + 1 year → 2029-03-01), so a
    /// period "through the day before the anniversary" never loses a day.
    public func anniversary(of date: LocalDate) -> LocalDate {
        switch unit {
        case .days, .weeks: return after(date)
        case .months: return date.anniversary(months: amount)
        case .years: return date.anniversary(months: amount * 12)
        }
    }

    /// The date this duration before `date` (for look-back windows such as "a year").
    public func before(_ date: LocalDate) -> LocalDate {
        PolicyDuration(amount: -amount, unit: unit).after(date)
    }

    public var description: String { "\(amount) \(unit.rawValue)" }
}
