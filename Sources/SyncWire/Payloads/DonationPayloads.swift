import DonorCore

/// What a collection was (the store's `DonationFacts`).
public struct DonationFacts: Codable, Sendable, Hashable {
    /// The house's local calendar date.
    public var date: LocalDate
    public var kind: DonationKind
    public var volumeML: Int?
    public var doses: Int?
    public var outcome: DonationOutcome
    public var bagNumber: String?
    /// Where it was collected (policy region id); nil for this city.
    public var region: String?
    public var reaction: AdverseReaction?
    /// Needle-in time ("HH:MM", house local); nil in events written before it was recorded.
    public var started: String?
    /// Needle-out time ("HH:MM", house local); nil in events written before it was recorded.
    public var ended: String?

    public init(
        date: LocalDate, kind: DonationKind, volumeML: Int? = nil, doses: Int? = nil, outcome: DonationOutcome = .complete,
        bagNumber: String? = nil, region: String? = nil, reaction: AdverseReaction? = nil, started: String? = nil, ended: String? = nil
    ) {
        self.date = date
        self.kind = kind
        self.volumeML = volumeML
        self.doses = doses
        self.outcome = outcome
        self.bagNumber = bagNumber
        self.region = region
        self.reaction = reaction
        self.started = started
        self.ended = ended
    }

    enum CodingKeys: String, CodingKey {
        case date, kind, doses, outcome, region, reaction, started, ended
        case volumeML = "volume_ml"
        case bagNumber = "bag_number"
    }

    /// Whether `text` is "HH:MM" on a 24-hour clock, the form of a needle time.
    public static func isClockTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.utf8.count == 2 && $0.allSatisfy(\.isASCII) }),
              let hour = Int(parts[0]), let minute = Int(parts[1]) else { return false }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }

    /// The donation as DonorCore's rules read it.
    public func donation(id: String) -> Donation {
        Donation(id: id, date: date, kind: kind, volumeML: volumeML, doses: doses, outcome: outcome, region: region, reaction: reaction)
    }
}

/// `donation.recorded`: a collection at a house.
public struct DonationRecordedPayload: Codable, Sendable, Hashable {
    /// The donation's id, made on the device; corrections and voids name it.
    public var donation: String
    public var donor: String?
    public var facts: DonationFacts

    public init(donation: String, donor: String? = nil, facts: DonationFacts) {
        self.donation = donation
        self.donor = donor
        self.facts = facts
    }
}

/// `donation.corrected`: replaces the facts of an earlier donation.
public struct DonationCorrectedPayload: Codable, Sendable, Hashable {
    public var donation: String
    public var donor: String?
    public var facts: DonationFacts
    public var reason: String

    public init(donation: String, donor: String? = nil, facts: DonationFacts, reason: String) {
        self.donation = donation
        self.donor = donor
        self.facts = facts
        self.reason = reason
    }
}

/// `donation.voided`: a supervisor voids an earlier donation; the rules ignore it from then on.
public struct DonationVoidedPayload: Codable, Sendable, Hashable {
    public var donation: String
    public var donor: String?
    public var reason: String

    public init(donation: String, donor: String? = nil, reason: String) {
        self.donation = donation
        self.donor = donor
        self.reason = reason
    }
}

/// `deferral.added`: a deferral from the lab (made at the centre), a nurse or the questionnaire.
public struct DeferralAddedPayload: Codable, Sendable, Hashable {
    public var donor: String?
    /// DonorCore's deferral: `id`, `rule`, `source`, `from`, `until` (nil: permanent), `lifted`.
    public var deferral: Deferral

    public init(donor: String? = nil, deferral: Deferral) {
        self.donor = donor
        self.deferral = deferral
    }
}

/// `deferral.lifted`: an earlier deferral (by its id) no longer applies, e.g. a lab retest.
public struct DeferralLiftedPayload: Codable, Sendable, Hashable {
    public var donor: String?
    public var deferral: String
    public var reason: String

    public init(donor: String? = nil, deferral: String, reason: String) {
        self.donor = donor
        self.deferral = deferral
        self.reason = reason
    }
}
