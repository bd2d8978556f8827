import DonorCore
import SyncWire

// Checks on the house-local kinds (kept by the centre, sent to no house): they change no
// registry state, so only their shape and dates are checked.
extension PayloadCheck {
    /// A queue ticket: a number from 1, a sane date, a procedure exactly when a volunteer
    /// checked the donor in (`waiting`).
    static func check(_ p: QueueTicketedPayload, today: LocalDate) throws(CentralError) {
        try checkDay(p.date, today: today, what: "queue")
        guard p.number >= 1 else { throw .badRequest("invalid_number", "A queue number is 1 or more.") }
        guard (p.procedure != nil) == (p.stage == .waiting) else {
            throw .badRequest("invalid_stage", "A waiting ticket names its procedure; a self-service arrival names none.")
        }
    }

    /// An override: a rule code, a written reason and the supervisor who gave it.
    static func check(_ p: EligibilityOverriddenPayload, today: LocalDate) throws(CentralError) {
        try checkDay(p.date, today: today, what: "override")
        guard !p.rule.isEmpty else { throw .badRequest("invalid_rule", "An override names the rule it overrides.") }
        guard !p.reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .badRequest("missing_reason", "An override must give the supervisor's written reason.")
        }
        guard !p.supervisor.isEmpty else { throw .badRequest("missing_supervisor", "An override names the supervisor who gave it.") }
    }

    /// The needle times of a collection, when present, are "HH:MM" on a 24-hour clock.
    static func checkTimes(_ p: DonationFacts) throws(CentralError) {
        for time in [p.started, p.ended].compactMap({ $0 }) where !DonationFacts.isClockTime(time) {
            throw .badRequest("invalid_time", "A needle time is HH:MM on a 24-hour clock, not '\(time)'.")
        }
    }

    /// A day of a house's event: not after tomorrow (time zones), not before 1950.
    static func checkDay(_ date: LocalDate, today: LocalDate, what: String) throws(CentralError) {
        guard date <= today.adding(days: 1) else { throw .badRequest("future_date", "The \(what) date \(date.iso) is in the future.") }
        guard date.year >= 1950 else { throw .badRequest("invalid_date", "The \(what) date \(date.iso) is too early.") }
    }
}
