/// Who the donor is, as far as the rules need to know.
public struct DonorProfile: Codable, Sendable, Hashable {
    public var sex: Sex
    public var birthDate: LocalDate

    public init(sex: Sex, birthDate: LocalDate) {
        self.sex = sex
        self.birthDate = birthDate
    }

    enum CodingKeys: String, CodingKey {
        case sex
        case birthDate = "birth_date"
    }
}

/// The donor's answers to the health questionnaire, given on one day.
public struct QuestionnaireAnswers: Codable, Sendable, Hashable {
    public var date: LocalDate
    /// Question id → the donor's answer.
    public var answers: [String: Bool]

    public init(date: LocalDate, answers: [String: Bool]) {
        self.date = date
        self.answers = answers
    }
}

/// A supervisor's decision to let a donor give despite a rule the policy marks overridable.
public struct RuleOverride: Codable, Sendable, Hashable {
    /// The rule code overridden (e.g. `interval.platelets.platelets`).
    public var rule: String
    /// The supervisor's staff number.
    public var by: String
    /// The written reason, kept in the audit trail.
    public var reason: String

    public init(rule: String, by: String, reason: String) {
        self.rule = rule
        self.by = by
        self.reason = reason
    }
}

/// Everything one eligibility decision is made from.
public struct EligibilityInput: Sendable {
    public var donor: DonorProfile
    public var history: [Donation]
    public var deferrals: [Deferral]
    public var answers: QuestionnaireAnswers?
    public var vitals: Vitals
    public var procedure: Procedure
    public var date: LocalDate
    public var overrides: [RuleOverride]

    public init(
        donor: DonorProfile, history: [Donation] = [], deferrals: [Deferral] = [],
        answers: QuestionnaireAnswers? = nil, vitals: Vitals = Vitals(), procedure: Procedure,
        date: LocalDate, overrides: [RuleOverride] = []
    ) {
        self.donor = donor
        self.history = history
        self.deferrals = deferrals
        self.answers = answers
        self.vitals = vitals
        self.procedure = procedure
        self.date = date
        self.overrides = overrides
    }
}
