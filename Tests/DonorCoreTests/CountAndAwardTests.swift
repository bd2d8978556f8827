import Testing
@testable import DonorCore

/// National award counts (计次), the award ladder, the gold recount rule and the ride tiers.
@Suite("Counts, awards and ride tiers")
struct CountAndAwardTests {
    static let policy = TestPolicies.taiyuan

    struct CountCase: CustomTestStringConvertible, Sendable {
        let donation: Donation
        let tenths: Int
        let label: String
        var testDescription: String { "\(label) = \(CountValue(tenths: tenths))" }
    }

    static let countCases: [CountCase] = {
        var voided = Fixture.wholeBlood("2026-03-01")
        voided.voided = true
        return [
            .init(donation: Fixture.wholeBlood("2026-03-01", ml: 200), tenths: 10, label: "200 ml"),
            .init(donation: Fixture.wholeBlood("2026-03-01", ml: 300), tenths: 15, label: "300 ml"),
            .init(donation: Fixture.wholeBlood("2026-03-01", ml: 400), tenths: 20, label: "400 ml"),
            .init(donation: Fixture.wholeBlood("2026-03-01", ml: 250), tenths: 0, label: "an unlisted volume"),
            .init(donation: Fixture.wholeBlood("2026-03-01", outcome: .lowVolume), tenths: 0, label: "low volume"),
            .init(donation: Fixture.wholeBlood("2026-03-01", outcome: .aborted), tenths: 0, label: "aborted"),
            .init(donation: voided, tenths: 0, label: "voided"),
            .init(donation: Fixture.platelets("2026-03-01"), tenths: 10, label: "platelets, 1 dose"),
            .init(donation: Fixture.platelets("2026-03-01", doses: 2), tenths: 20, label: "platelets, 2 doses"),
            .init(donation: Fixture.platelets("2009-12-31"), tenths: 40, label: "platelets, 1 unit on 2009-12-31"),
            .init(donation: Fixture.platelets("2009-12-31", doses: 2), tenths: 80, label: "platelets, 2 units on 2009-12-31"),
            .init(donation: Fixture.platelets("2010-01-01"), tenths: 10, label: "platelets, 1 dose on 2010-01-01"),
            .init(donation: Fixture.stemCell("2026-03-01"), tenths: 0, label: "stem cells"),
            .init(donation: Donation(id: "p", date: Fixture.date("2026-03-01"), kind: .plasma, volumeML: 600), tenths: 0, label: "plasma"),
        ]
    }()

    @Test("Counts per donation", arguments: countCases)
    func countsPerDonation(_ c: CountCase) {
        #expect(CountCalculator.counts(of: c.donation, policy: Self.policy) == CountValue(tenths: c.tenths))
    }

    @Test func threeHundredMillilitresAddExactlyOneAndAHalf() {
        let history = [Fixture.wholeBlood("2025-03-01", ml: 300), Fixture.wholeBlood("2025-09-01", ml: 300)]
        let status = AwardStatus(history: history, on: Fixture.date("2026-01-01"), policy: Self.policy)
        #expect(status.totalCounts == CountValue(3))
        #expect(CountValue(tenths: 15).description == "1.5")
    }

    // MARK: Ladder and tiers by counts

    struct Ladder: Sendable, CustomTestStringConvertible {
        let counts: Int
        let tier: String
        let award: String?
        var testDescription: String { "\(counts) counts → tier \(tier), award \(award ?? "none")" }
    }

    static let ladder: [Ladder] = [
        .init(counts: 1, tier: "blue", award: nil),
        .init(counts: 9, tier: "blue", award: nil),
        .init(counts: 10, tier: "red", award: nil),
        .init(counts: 19, tier: "red", award: nil),
        .init(counts: 20, tier: "bronze", award: "bronze"),
        .init(counts: 29, tier: "bronze", award: "bronze"),
        .init(counts: 30, tier: "silver", award: "silver"),
        .init(counts: 39, tier: "silver", award: "silver"),
        .init(counts: 40, tier: "gold", award: "gold"),
    ]

    @Test("Counts map to a ride tier and an award level", arguments: ladder)
    func countsMapToTierAndAward(_ row: Ladder) {
        let history = Fixture.history(counts: row.counts)
        let on = history.last!.date
        let cards = CardStatus(history: history, on: on, policy: Self.policy)
        let awards = AwardStatus(history: history, on: on, policy: Self.policy)
        #expect(cards.cardCounts == CountValue(row.counts))
        #expect(cards.tier?.id == row.tier)
        #expect(awards.totalCounts == CountValue(row.counts))
        #expect(awards.level?.id == row.award)
    }

    @Test("Half counts between two tiers' lines keep the lower tier (9.5 is blue, 19.5 red)")
    func halfCountsBetweenTiersKeepTheLowerTier() {
        for (history, tier) in [
            (Fixture.history(counts: 8) + [Fixture.wholeBlood("2026-06-01", ml: 300)], "blue"),
            (Fixture.history(counts: 18) + [Fixture.wholeBlood("2026-06-01", ml: 300)], "red"),
        ] {
            let cards = CardStatus(history: history, on: Fixture.date("2026-06-01"), policy: Self.policy)
            #expect(cards.tier?.id == tier, "\(cards.cardCounts) counts")
        }
    }

    @Test func aCardHolderWithNoCountsGetsTheFirstTier() {
        let cards = CardStatus(history: [Fixture.wholeBlood("2026-03-01", outcome: .lowVolume)], on: Fixture.date("2026-03-01"), policy: Self.policy)
        #expect(cards.effective == .annual)
        #expect(cards.cardCounts == .zero)
        #expect(cards.tier?.id == "blue")
    }

    @Test func noCardNoTier() {
        let cards = CardStatus(history: Fixture.history(counts: 30, from: "2024-01-01"), on: Fixture.date("2026-06-01"), policy: Self.policy)
        #expect(cards.effective == .honour)
        let expired = CardStatus(history: [Fixture.wholeBlood("2025-03-01")], on: Fixture.date("2026-06-01"), policy: Self.policy)
        #expect(expired.effective == nil)
        #expect(expired.tier == nil)
    }

    @Test func nextAwardLevelAndMissingCounts() {
        let status = AwardStatus(history: Fixture.history(counts: 25), on: Fixture.date("2026-01-01"), policy: Self.policy)
        #expect(status.level?.id == "bronze")
        #expect(status.next?.level.id == "silver")
        #expect(status.next?.missing == CountValue(5))
    }

    // MARK: The gold recount rule

    @Test func goldRecountDiscardsTheOvershoot() {
        // 39 counts, then a 400 ml donation reaches 41: gold, and the extra count is lost.
        let history = Fixture.history(counts: 39) + [Fixture.wholeBlood("2026-06-01")]
        let status = AwardStatus(history: history, on: Fixture.date("2026-06-01"), policy: Self.policy)
        #expect(status.totalCounts == CountValue(41))
        #expect(status.golds == 1)
        #expect(status.goldDates == [Fixture.date("2026-06-01")])
        #expect(status.countsTowardNext == .zero)
        #expect(status.level?.id == "gold")
        #expect(status.next?.level.id == "gold")
        #expect(status.next?.missing == CountValue(40))
    }

    @Test func nextGoldNeedsFortyMoreCountsAfterTheGoldDonation() {
        let first = Fixture.history(counts: 39) + [Fixture.wholeBlood("2026-06-01")]
        let almost = first + Fixture.history(counts: 39, from: "2027-01-01")
        let almostStatus = AwardStatus(history: almost, on: Fixture.date("2028-12-31"), policy: Self.policy)
        #expect(almostStatus.golds == 1)
        #expect(almostStatus.countsTowardNext == CountValue(39))
        #expect(almostStatus.next?.missing == CountValue(1))
        let reached = almost + [Fixture.wholeBlood("2029-01-01", ml: 200)]
        let status = AwardStatus(history: reached, on: Fixture.date("2029-01-01"), policy: Self.policy)
        #expect(status.golds == 2)
        #expect(status.goldDates.last == Fixture.date("2029-01-01"))
        #expect(status.lifetime == false)
    }

    @Test func lifetimeAwardAfterThreeGolds() {
        let history = Fixture.history(counts: 120, from: "2020-01-01")
        let before = AwardStatus(history: Array(history.dropLast()), on: Fixture.date("2030-01-01"), policy: Self.policy)
        #expect(before.golds == 2)
        #expect(before.lifetime == false)
        let status = AwardStatus(history: history, on: Fixture.date("2030-01-01"), policy: Self.policy)
        #expect(status.golds == 3)
        #expect(status.lifetime)
        #expect(status.next == nil)
    }

    @Test func awardsCountDonationsEverywhereButOnlyUpToTheDate() {
        let history = Fixture.history(counts: 20, region: "other-city")
        #expect(AwardStatus(history: history, on: history.last!.date, policy: Self.policy).level?.id == "bronze")
        #expect(AwardStatus(history: history, on: history.last!.date.adding(days: -1), policy: Self.policy).level == nil)
    }

    @Test func stemCellsAddNoCountButGiveHonourCardAndGoldTier() {
        let cards = CardStatus(history: [Fixture.stemCell("2026-04-01")], on: Fixture.date("2026-04-01"), policy: Self.policy)
        #expect(cards.cardCounts == .zero)
        #expect(cards.stemCellDonor)
        #expect(cards.honour == CardStatus.Honour(since: Fixture.date("2026-04-01"), basis: .stemCell))
        #expect(cards.annual == nil)
        #expect(cards.tier?.id == "gold")
        let awards = AwardStatus(history: [Fixture.stemCell("2026-04-01")], on: Fixture.date("2026-04-01"), policy: Self.policy)
        #expect(awards.totalCounts == .zero)
        #expect(awards.level == nil)
    }

    @Test func awardCutoffIsThirtyFirstDecemberOfAnEvenYear() {
        #expect(AwardStatus(history: [], on: Fixture.date("2027-03-01"), policy: Self.policy).nextCutoff == Fixture.date("2028-12-31"))
        #expect(AwardStatus(history: [], on: Fixture.date("2026-12-31"), policy: Self.policy).nextCutoff == Fixture.date("2026-12-31"))
    }
}
