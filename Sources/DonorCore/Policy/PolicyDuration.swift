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

    /// The date this duration before `date` (for look-back windows such as "a year").
    public func before(_ date: LocalDate) -> LocalDate {
        PolicyDuration(amount: -amount, unit: unit).after(date)
    }

    public var description: String { "\(amount) \(unit.rawValue)" }
}
