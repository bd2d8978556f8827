import Testing
@testable import DonorCore

/// The same history under Zhejiang's policy gives Zhejiang's answers: the engine is policy-driven.
@Suite("Zhejiang policy")
struct ZhejiangPolicyTests {
    static let taiyuan = TestPolicies.taiyuan
    static let zhejiang = TestPolicies.zhejiang

    @Test func oneDonationGivesAnAnnualCardInTaiyuanAndNoCardInZhejiang() {
        let history = [Fixture.wholeBlood("2026-03-01", region: nil)]
        let inTaiyuan = CardStatus(history: history, on: Fixture.date("2026-03-01"), policy: Self.taiyuan)
        #expect(inTaiyuan.effective == .annual)
        #expect(inTaiyuan.tier?.id == "blue")
        let inZhejiang = CardStatus(history: history, on: Fixture.date("2026-03-01"), policy: Self.zhejiang)
        #expect(inZhejiang.annual == nil)
        #expect(inZhejiang.honour == nil)
        #expect(inZhejiang.effective == nil)
        #expect(inZhejiang.tier == nil)
        #expect(inZhejiang.policyReference == "zhejiang@2026.01")
    }

    @Test("20 counts given in another city earn Zhejiang's honour certificate (count_region any), not Taiyuan's")
    func countsFromAnotherCityCountInZhejiangOnly() {
        let history = Fixture.history(counts: 20, region: "other-city")
        let last = history.last!.date
        let inZhejiang = CardStatus(history: history, on: last, policy: Self.zhejiang)
        #expect(inZhejiang.cardCounts == CountValue(20))
        #expect(inZhejiang.honour == CardStatus.Honour(since: last, basis: .counts))
        #expect(inZhejiang.effective == .honour)
        #expect(CardStatus(history: history, on: last.adding(days: -1), policy: Self.zhejiang).honour == nil)
        let inTaiyuan = CardStatus(history: history, on: last, policy: Self.taiyuan)
        #expect(inTaiyuan.cardCounts == .zero)
        #expect(inTaiyuan.honour == nil)
        #expect(inTaiyuan.effective == nil)
    }

    @Test func zhejiangHasNoRideTiersAtAnyCount() {
        for counts in [1, 20, 40] {
            let history = Fixture.history(counts: counts)
            let status = CardStatus(history: history, on: history.last!.date, policy: Self.zhejiang)
            #expect(status.tier == nil, "\(counts) counts")
        }
        #expect(CardStatus.tier(counts: CountValue(40), stemCell: true, policy: Self.zhejiang) == nil)
    }

    @Test func stemCellsDoNotQualifyForZhejiangsCertificate() {
        let history = [Fixture.stemCell("2026-04-01")]
        #expect(CardStatus(history: history, on: Fixture.date("2026-04-01"), policy: Self.zhejiang).honour == nil)
        #expect(CardStatus(history: history, on: Fixture.date("2026-04-01"), policy: Self.taiyuan).honour?.basis == .stemCell)
    }

    @Test func zhejiangHospitalsWaiveTheGeneralLevelOnly() {
        let honour = Benefits(card: .honour, on: Fixture.date("2026-06-01"), policy: Self.zhejiang)
        #expect(honour.hospitals.count == 2)
        #expect(honour.hospitals.allSatisfy { $0.levels.map(\.id) == ["general"] })
        #expect(honour.transit)
        #expect(honour.scenicSpots.map(\.id) == ["sample-west-lake", "sample-ningbo-park"])
        let annual = Benefits(card: .annual, on: Fixture.date("2026-06-01"), policy: Self.zhejiang)
        #expect(annual.transit == false)
        #expect(annual.hospitals.isEmpty)
        #expect(annual.scenicSpots.isEmpty)
    }

    @Test func eligibilityFollowsTheSameNationalLinesUnderZhejiang() {
        let input = Fixture.input(.wholeBlood, on: "2026-08-30", history: [Fixture.wholeBlood("2026-03-01")])
        let inZhejiang = Fixture.decide(input, policy: Self.zhejiang)
        let inTaiyuan = Fixture.decide(input, policy: Self.taiyuan)
        #expect(inZhejiang.policy == "zhejiang@2026.01")
        #expect(inZhejiang.failureCodes == inTaiyuan.failureCodes)
        #expect(inZhejiang.nextPossible == inTaiyuan.nextPossible)
    }
}
