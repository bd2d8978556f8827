import DonorCore

/// `donation.recorded`: a collection at a house. The event id is the donation's id.
public struct DonationRecordedPayload: Codable, Sendable, Hashable {
    /// The house's local calendar date.
    public var date: LocalDate
    public var kind: DonationKind
    public var volumeML: Int?
    public var doses: Int?
    public var outcome: DonationOutcome
    public var bagNumber: String?
    public var reaction: AdverseReaction?

    public init(
        date: LocalDate, kind: DonationKind, volumeML: Int? = nil, doses: Int? = nil,
        outcome: DonationOutcome = .complete, bagNumber: String? = nil, reaction: AdverseReaction? = nil
    ) {
        self.date = date
        self.kind = kind
        self.volumeML = volumeML
        self.doses = doses
        self.outcome = outcome
        self.bagNumber = bagNumber
        self.reaction = reaction
    }

    enum CodingKeys: String, CodingKey {
        case date, kind, doses, outcome, reaction
        case volumeML = "volume_ml"
        case bagNumber = "bag_number"
    }

    /// The donation as DonorCore's rules read it.
    public func donation(id: String) -> Donation {
        Donation(id: id, date: date, kind: kind, volumeML: volumeML, doses: doses, outcome: outcome, reaction: reaction)
    }
}

/// `donation.corrected`: replaces the recorded facts of an earlier donation.
public struct DonationCorrectedPayload: Codable, Sendable, Hashable {
    /// The `donation.recorded` event being corrected.
    public var donationID: String
    public var date: LocalDate
    public var kind: DonationKind
    public var volumeML: Int?
    public var doses: Int?
    public var outcome: DonationOutcome
    public var reason: String

    public init(
        donationID: String, date: LocalDate, kind: DonationKind, volumeML: Int? = nil, doses: Int? = nil,
        outcome: DonationOutcome = .complete, reason: String
    ) {
        self.donationID = donationID
        self.date = date
        self.kind = kind
        self.volumeML = volumeML
        self.doses = doses
        self.outcome = outcome
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case date, kind, doses, outcome, reason
        case donationID = "donation_id"
        case volumeML = "volume_ml"
    }
}

/// `donation.voided`: a supervisor voids an earlier donation; the rules ignore it from then on.
public struct DonationVoidedPayload: Codable, Sendable, Hashable {
    public var donationID: String
    public var reason: String

    public init(donationID: String, reason: String) {
        self.donationID = donationID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case donationID = "donation_id"
    }
}

/// `deferral.added`: a deferral from the lab (made at the centre), a nurse or the questionnaire.
/// The event id is the deferral's id.
public struct DeferralAddedPayload: Codable, Sendable, Hashable {
    /// The policy's deferral rule id.
    public var rule: String
    public var source: Deferral.Source
    public var from: LocalDate
    /// Nil for a permanent deferral.
    public var until: LocalDate?

    public init(rule: String, source: Deferral.Source, from: LocalDate, until: LocalDate? = nil) {
        self.rule = rule
        self.source = source
        self.from = from
        self.until = until
    }
}

/// `deferral.lifted`: an earlier deferral no longer applies (e.g. a lab retest).
public struct DeferralLiftedPayload: Codable, Sendable, Hashable {
    public var deferralID: String
    public var reason: String

    public init(deferralID: String, reason: String) {
        self.deferralID = deferralID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case deferralID = "deferral_id"
    }
}
