import Testing
@testable import DonorCore

/// SplitMix64: a small, seeded generator so every property run sees the same histories.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but plausible inputs: histories spanning the 2010 counting change and leap days.
struct HistoryGenerator {
    var rng: SeededGenerator
    private var serial = 0

    init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

    mutating func date() -> LocalDate {
        Fixture.date("2008-01-01").adding(days: Int.random(in: 0...(20 * 365), using: &rng))
    }

    mutating func donation() -> Donation {
        serial += 1
        let kinds: [DonationKind] = [.wholeBlood, .wholeBlood, .wholeBlood, .platelets, .platelets, .plasma, .stemCell]
        let kind = kinds.randomElement(using: &rng)!
        let outcomes: [DonationOutcome] = [.complete, .complete, .complete, .complete, .lowVolume, .notDrawn, .aborted]
        var donation = Donation(
            id: "r\(serial)", date: date(), kind: kind,
            volumeML: kind == .wholeBlood ? [200, 300, 400, 400, 250].randomElement(using: &rng) : (kind == .plasma ? 400 : nil),
            doses: kind == .platelets ? Int.random(in: 1...2, using: &rng) : nil,
            outcome: kind == .stemCell ? .complete : outcomes.randomElement(using: &rng)!,
            region: [nil, nil, "taiyuan", "other-city", "zhejiang"].randomElement(using: &rng)!)
        if Int.random(in: 0..<12, using: &rng) == 0 { donation.reaction = AdverseReaction(category: .vasovagal, severity: .mild) }
        if Int.random(in: 0..<20, using: &rng) == 0 { donation.voided = true }
        return donation
    }

    mutating func history(maxCount: Int = 60) -> [Donation] {
        (0..<Int.random(in: 0...maxCount, using: &rng)).map { _ in donation() }
    }

    mutating func deferrals() -> [Deferral] {
        let rules = ["cold", "aspirin", "tattoo", "infection_marker", "unknown_rule"]
        return (0..<Int.random(in: 0...3, using: &rng)).map { index in
            let rule = rules.randomElement(using: &rng)!
            let from = date()
            let until = rule == "infection_marker" ? nil : from.adding(days: Int.random(in: 1...400, using: &rng))
            return Deferral(id: "x\(index)", rule: rule, source: .staff, from: from, until: until,
                            lifted: Int.random(in: 0..<5, using: &rng) == 0)
        }
    }

    mutating func input() -> EligibilityInput {
        let question = ["cold", "aspirin", "tattoo", "high_risk", "alcohol"].randomElement(using: &rng)!
        var vitals = Fixture.healthy
        vitals.pulse = Int.random(in: 45...110, using: &rng)
        vitals.haemoglobin = Bool.random(using: &rng) ? nil : Double(Int.random(in: 100...160, using: &rng))
        return EligibilityInput(
            donor: DonorProfile(sex: Bool.random(using: &rng) ? .male : .female,
                                birthDate: Fixture.date("1960-01-01").adding(days: Int.random(in: 0...(45 * 365), using: &rng))),
            history: history(), deferrals: deferrals(),
            answers: Bool.random(using: &rng) ? QuestionnaireAnswers(date: date(), answers: [question: true]) : nil,
            vitals: vitals, procedure: Procedure.allCases.randomElement(using: &rng)!, date: date(),
            overrides: Bool.random(using: &rng) ? [RuleOverride(rule: RuleCode.pulseLow, by: "S1", reason: "athlete")] : [])
    }
}

/// Properties that must hold for every history, checked on a few hundred seeded cases each.
@Suite("Properties over seeded random histories")
struct PropertyTests {
    static let cases = 300
    static let policies = [TestPolicies.taiyuan, TestPolicies.zhejiang]

    /// A history, one more donation, and a date to evaluate both on.
    static func withOneMore(_ seed: UInt64) -> (history: [Donation], extra: Donation, on: LocalDate) {
        var generator = HistoryGenerator(seed: seed)
        let history = generator.history()
        return (history, generator.donation(), generator.date())
    }

    /// The award ladder as a comparable rank: golds first, then the level within the round.
    static func rank(_ status: AwardStatus, _ policy: Policy) -> [Int] {
        let level = status.level.flatMap { level in policy.awards.levels.firstIndex(of: level) } ?? -1
        return [status.lifetime ? 1 : 0, status.golds, level]
    }

    @Test(arguments: policies)
    func addingADonationNeverLowersACount(_ policy: Policy) {
        for seed in 0..<UInt64(Self.cases) {
            let (history, extra, on) = Self.withOneMore(seed)
            let before = AwardStatus(history: history, on: on, policy: policy)
            let after = AwardStatus(history: history + [extra], on: on, policy: policy)
            #expect(after.totalCounts >= before.totalCounts, "seed \(seed)")
            let cardsBefore = CardStatus(history: history, on: on, policy: policy)
            let cardsAfter = CardStatus(history: history + [extra], on: on, policy: policy)
            #expect(cardsAfter.cardCounts >= cardsBefore.cardCounts, "seed \(seed)")
        }
    }

    @Test(arguments: policies)
    func addingADonationNeverLowersTheAwardLadder(_ policy: Policy) {
        for seed in 0..<UInt64(Self.cases) {
            let (history, extra, on) = Self.withOneMore(seed)
            let before = Self.rank(AwardStatus(history: history, on: on, policy: policy), policy)
            let after = Self.rank(AwardStatus(history: history + [extra], on: on, policy: policy), policy)
            #expect(after.lexicographicallyPrecedes(before) == false, "seed \(seed): \(before) → \(after)")
        }
    }

    @Test func addingADonationNeverShortensTheAnnualCard() {
        for seed in 0..<UInt64(Self.cases) {
            let (history, extra, on) = Self.withOneMore(seed)
            let before = CardStatus(history: history, on: on, policy: TestPolicies.taiyuan)
            let after = CardStatus(history: history + [extra], on: on, policy: TestPolicies.taiyuan)
            guard let end = before.annual?.validThrough else { continue }
            #expect(after.annual.map { $0.validThrough >= end } == true, "seed \(seed)")
            if before.annual?.active == true { #expect(after.annual?.active == true, "seed \(seed)") }
            if before.honour != nil { #expect(after.honour != nil, "seed \(seed)") }
        }
    }

    @Test(arguments: policies)
    func decisionsAreDeterministicWhateverTheOrderOfTheHistory(_ policy: Policy) {
        for seed in 0..<UInt64(Self.cases) {
            var generator = HistoryGenerator(seed: seed)
            let input = generator.input()
            let decision = EligibilityEngine.decide(input, policy: policy)
            #expect(EligibilityEngine.decide(input, policy: policy) == decision, "seed \(seed)")
            var shuffled = input
            shuffled.history.shuffle(using: &generator.rng)
            shuffled.deferrals.shuffle(using: &generator.rng)
            #expect(EligibilityEngine.decide(shuffled, policy: policy) == decision, "seed \(seed)")
            #expect(CardStatus(history: shuffled.history, on: input.date, policy: policy)
                        == CardStatus(history: input.history, on: input.date, policy: policy), "seed \(seed)")
            #expect(AwardStatus(history: shuffled.history, on: input.date, policy: policy)
                        == AwardStatus(history: input.history, on: input.date, policy: policy), "seed \(seed)")
        }
    }

    @Test func nextPossibleIsAnEligibleDayForTheDateBoundRules() {
        for seed in 0..<UInt64(Self.cases) {
            var generator = HistoryGenerator(seed: seed)
            let input = generator.input()
            let decision = EligibilityEngine.decide(input, policy: TestPolicies.taiyuan)
            for (procedure, day) in decision.nextPossible {
                #expect(day >= input.date, "seed \(seed)")
                let blocks = EligibilityEngine.datedFindings(input, procedure: procedure, on: day, policy: TestPolicies.taiyuan)
                #expect(blocks.isEmpty, "seed \(seed) \(procedure) \(day): \(blocks.map(\.code))")
                if day > input.date {
                    let dayBefore = EligibilityEngine.datedFindings(input, procedure: procedure, on: day.adding(days: -1), policy: TestPolicies.taiyuan)
                    #expect(!dayBefore.isEmpty, "seed \(seed) \(procedure): the day before \(day) is free too")
                }
            }
        }
    }
}

extension Policy: CustomTestStringConvertible {
    public var testDescription: String { reference }
}
