/// A city's donation policy, loaded from a TOML file under `assets/policy/`.
///
/// Every threshold, interval, tier, card rule and benefit lives here; the rules engines read
/// them and hold none of their own. Each decision carries `id` and `version`.
public struct Policy: Sendable {
    public var id: String
    public var version: String
    public var name: LocalizedText
    /// Donations recorded with this region (or none) count as "in the city".
    public var region: String
    public var effectiveFrom: LocalDate
    /// The time zone whose calendar date the house uses (never UTC).
    public var timeZone: String
    public var procedures: ProcedureRules
    public var counts: CountRules
    public var awards: AwardRules
    public var eligibility: EligibilityRules
    public var intervals: IntervalRules
    /// Rule codes a supervisor may override with a written reason.
    public var overridableRules: Set<String>
    public var deferralRules: [DeferralRule]
    public var questionnaire: Questionnaire
    public var cards: CardRules
    /// Ride-code designs by counts, in ascending order, never overlapping.
    public var tiers: [RideTier]
    public var benefits: BenefitRules
    /// The bag-number format (`[bags]`); nil when the policy names none, and then no bag
    /// number is accepted.
    public var bags: BagRules? = nil

    /// The deferral rule with this id.
    public func deferralRule(_ id: String) -> DeferralRule? {
        deferralRules.first { $0.id == id }
    }

    /// "taiyuan@2026.06": how a decision names the policy it used.
    public var reference: String { "\(id)@\(version)" }
}

/// A text in the UI's two languages.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in a language code ("zh…" or anything else for English).
    public func text(_ language: String) -> String { language.hasPrefix("zh") ? zh : en }
}

/// What each procedure allows.
public struct ProcedureRules: Sendable {
    public var wholeBloodVolumesML: [Int]
    public var plateletDoses: [Int]
    public var plateletYearlyLimit: Int
    /// The look-back window of the yearly limit.
    public var plateletYearlyWindow: PolicyDuration
    public var plasmaVolumesML: [Int]
}

/// How donations turn into national award counts.
public struct CountRules: Sendable {
    public var outcomes: Set<DonationOutcome>
    /// Whole blood volume (ml) → counts.
    public var wholeBloodByVolume: [Int: CountValue]
    public var plateletsPerDose: CountValue
    public var plasmaPerDonation: CountValue
    /// Apheresis donations before this date count `apheresisLegacyPerUnit` per unit.
    public var apheresisLegacyBefore: LocalDate
    public var apheresisLegacyPerUnit: CountValue
}

/// The national award ladder (奉献奖) and its cycle.
public struct AwardRules: Sendable {
    public struct Level: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
        public var minCounts: CountValue
    }

    /// Ascending by `minCounts`.
    public var levels: [Level]
    public var cycleYears: Int
    public var cycleAnchorYear: Int
    public var lifetimeGolds: Int
    /// The level whose reaching restarts the count (the gold).
    public var recountAfter: String
    public var lifetimeID: String
    public var lifetimeName: LocalizedText
}

/// Thresholds checked on the day of donation.
public struct EligibilityRules: Sendable {
    public var minAge: Int
    public var maxAge: Int
    public var repeatDonorMaxAge: Int
    public var minWeightKg: [Sex: Double]
    public var minHaemoglobin: [Sex: Double]
    public var systolicMin: Int
    public var systolicBelow: Int
    public var diastolicMin: Int
    public var diastolicBelow: Int
    public var pulsePressureMin: Int
    public var pulseMin: Int
    public var pulseMax: Int
    public var athletePulseMin: Int
    public var pulseRegularRequired: Bool
    public var maxTemperatureCelsius: Double
    public var apheresisLabProcedures: Set<Procedure>
    public var haematocritMin: Double
    public var plateletsMin: Double
    public var plateletsBelow: Double
}

/// The interval matrix: previous donation kind × intended procedure → waiting time.
public struct IntervalRules: Sendable {
    /// Outcomes that count as a donation for intervals (an abort after the needle does).
    public var outcomes: Set<DonationOutcome>
    public var waits: [IntervalKey: PolicyDuration]

    public struct IntervalKey: Hashable, Sendable {
        public var after: Procedure
        public var before: Procedure
    }

    /// The wait after a donation of `after` before one of `before`, if the policy has one.
    public func wait(after: Procedure, before: Procedure) -> PolicyDuration? {
        waits[IntervalKey(after: after, before: before)]
    }
}

/// A reason to defer a donor, temporarily or for good.
public struct DeferralRule: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// Nil for a permanent rule.
    public var duration: PolicyDuration?
    /// The procedures it applies to; empty means all.
    public var procedures: Set<Procedure>

    public var isPermanent: Bool { duration == nil }

    public func applies(to procedure: Procedure) -> Bool {
        procedures.isEmpty || procedures.contains(procedure)
    }
}

/// The health questionnaire (献血者健康征询表).
public struct Questionnaire: Sendable {
    public struct Group: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
    }

    public struct Question: Sendable, Hashable {
        public var id: String
        public var group: String
        public var text: LocalizedText
        /// The deferral rule a "yes" applies.
        public var onYes: String
    }

    public var groups: [Group]
    public var questions: [Question]
}
