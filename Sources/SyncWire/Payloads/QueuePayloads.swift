import DonorCore

// The day's queue and the supervisor's overrides: house-local facts the centre keeps (never
// sends to other houses), so that every action at the kiosk is in the outbox.

/// Where a queue ticket put the donor when it was issued.
public enum QueueTicketStage: String, Codable, Sendable, Hashable, CaseIterable {
    /// A self-service arrival: answers given, waiting for the volunteer's check-in.
    case arrived
    /// Checked in by a volunteer as eligible, waiting for a nurse.
    case waiting
}

/// `queue.ticketed`: a donor got number `number` in the house's queue on `date`. A volunteer's
/// check-in of a donor who already holds a self-service ticket issues the same number again,
/// now with the procedure.
public struct QueueTicketedPayload: Codable, Sendable, Hashable {
    public var donor: String?
    /// The house's local calendar date of the queue.
    public var date: LocalDate
    /// The number called out; the day's highest plus one, or the donor's self-service ticket.
    public var number: Int
    /// The procedure chosen at check-in; nil for a self-service arrival.
    public var procedure: Procedure?
    public var stage: QueueTicketStage

    public init(donor: String? = nil, date: LocalDate, number: Int, procedure: Procedure?, stage: QueueTicketStage) {
        self.donor = donor
        self.date = date
        self.number = number
        self.procedure = procedure
        self.stage = stage
    }
}

/// `eligibility.overridden`: a supervisor (by PIN) let the donor give on `date` despite the
/// overridable rule `rule`, with a written reason (sensitive: it may name a health matter).
public struct EligibilityOverriddenPayload: Codable, Sendable, Hashable {
    public var donor: String?
    public var date: LocalDate
    /// The rule code overridden (e.g. `interval.platelets.platelets`).
    public var rule: String
    public var reason: String
    /// The supervisor's staff number.
    public var supervisor: String

    public init(donor: String? = nil, date: LocalDate, rule: String, reason: String, supervisor: String) {
        self.donor = donor
        self.date = date
        self.rule = rule
        self.reason = reason
        self.supervisor = supervisor
    }
}
