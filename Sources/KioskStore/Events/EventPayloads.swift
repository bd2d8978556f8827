import DonorCore

/// `donor.registered`: a donor new to this kiosk and to the registry it holds.
public struct DonorRegistered: Codable, Sendable, Hashable {
    public var donor: DonorID
    /// Normalised document number (sensitive: the payload is stored encrypted).
    public var idNumber: String
    public var documentType: IdentityDocumentType
    public var name: String
    public var sex: Sex
    public var birthDate: LocalDate
    /// Digits only (sensitive).
    public var phone: String?
    public var bloodType: BloodType?

    public init(donor: DonorID, idNumber: String, documentType: IdentityDocumentType, name: String,
                sex: Sex, birthDate: LocalDate, phone: String?, bloodType: BloodType?) {
        self.donor = donor
        self.idNumber = idNumber
        self.documentType = documentType
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.bloodType = bloodType
    }
}

/// `donor.merged`: `source` is the same person as `target`; their histories read as one.
public struct DonorMerged: Codable, Sendable, Hashable {
    public var source: DonorID
    public var target: DonorID
    public var reason: String
    public init(source: DonorID, target: DonorID, reason: String) {
        self.source = source
        self.target = target
        self.reason = reason
    }
}

/// `donor.unmerged`: undoes the merge event `merge`.
public struct DonorUnmerged: Codable, Sendable, Hashable {
    public var merge: EventID
    public var source: DonorID
    public var target: DonorID
    public var reason: String
    public init(merge: EventID, source: DonorID, target: DonorID, reason: String) {
        self.merge = merge
        self.source = source
        self.target = target
        self.reason = reason
    }
}

/// The facts of one collection as the nurse enters them.
public struct DonationFacts: Codable, Sendable, Hashable {
    public var date: LocalDate
    public var kind: DonationKind
    public var volumeML: Int?
    public var doses: Int?
    public var outcome: DonationOutcome
    /// The bag's pre-printed number; never reused.
    public var bagNumber: String?
    public var region: String?
    public var reaction: AdverseReaction?

    public init(date: LocalDate, kind: DonationKind, volumeML: Int? = nil, doses: Int? = nil,
                outcome: DonationOutcome = .complete, bagNumber: String? = nil, region: String? = nil,
                reaction: AdverseReaction? = nil) {
        self.date = date
        self.kind = kind
        self.volumeML = volumeML
        self.doses = doses
        self.outcome = outcome
        self.bagNumber = bagNumber
        self.region = region
        self.reaction = reaction
    }
}

/// `donation.recorded`: a collection at this house. The donation's id is the event's id.
public struct DonationRecorded: Codable, Sendable, Hashable {
    public var donation: String
    public var donor: DonorID
    public var facts: DonationFacts
    public init(donation: String, donor: DonorID, facts: DonationFacts) {
        self.donation = donation
        self.donor = donor
        self.facts = facts
    }
}

/// `donation.corrected`: the facts of `donation` replaced by a supervisor, with a reason.
public struct DonationCorrected: Codable, Sendable, Hashable {
    public var donation: String
    public var donor: DonorID
    public var facts: DonationFacts
    public var reason: String
    public init(donation: String, donor: DonorID, facts: DonationFacts, reason: String) {
        self.donation = donation
        self.donor = donor
        self.facts = facts
        self.reason = reason
    }
}

/// `donation.voided`: `donation` should never have been recorded; the rules ignore it.
public struct DonationVoided: Codable, Sendable, Hashable {
    public var donation: String
    public var donor: DonorID
    public var reason: String
    public init(donation: String, donor: DonorID, reason: String) {
        self.donation = donation
        self.donor = donor
        self.reason = reason
    }
}

/// `deferral.added`: a deferral set at the house (sensitive: the rule names a health reason).
public struct DeferralAdded: Codable, Sendable, Hashable {
    public var donor: DonorID
    public var deferral: Deferral
    public init(donor: DonorID, deferral: Deferral) {
        self.donor = donor
        self.deferral = deferral
    }
}

/// `deferral.lifted`: a deferral ended early (a lab retest, a mistaken entry).
public struct DeferralLifted: Codable, Sendable, Hashable {
    public var donor: DonorID
    public var deferral: String
    public var reason: String
    public init(donor: DonorID, deferral: String, reason: String) {
        self.donor = donor
        self.deferral = deferral
        self.reason = reason
    }
}

/// `answers.saved`: the donor's questionnaire for one day (sensitive).
public struct AnswersSaved: Codable, Sendable, Hashable {
    public var donor: DonorID
    public var answers: QuestionnaireAnswers
    public init(donor: DonorID, answers: QuestionnaireAnswers) {
        self.donor = donor
        self.answers = answers
    }
}

/// `vitals.saved`: the pre-donation check (sensitive).
public struct VitalsSaved: Codable, Sendable, Hashable {
    public var donor: DonorID
    public var date: LocalDate
    public var vitals: Vitals
    public init(donor: DonorID, date: LocalDate, vitals: Vitals) {
        self.donor = donor
        self.date = date
        self.vitals = vitals
    }
}

/// `card.activated`: the annual or honour card handed to the donor on `date`.
public struct CardActivated: Codable, Sendable, Hashable {
    public var donor: DonorID
    public var card: CardKind
    public var date: LocalDate
    /// Last valid day; nil for the honour card (for life).
    public var validThrough: LocalDate?
    /// Ride-code design id, if any.
    public var tier: String?
    /// The policy it was computed under (`taiyuan@2026.06`).
    public var policy: String
    public init(donor: DonorID, card: CardKind, date: LocalDate, validThrough: LocalDate?, tier: String?, policy: String) {
        self.donor = donor
        self.card = card
        self.date = date
        self.validThrough = validThrough
        self.tier = tier
        self.policy = policy
    }
}
