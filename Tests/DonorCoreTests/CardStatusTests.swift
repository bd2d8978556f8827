import Testing
@testable import DonorCore

/// The Taiyuan annual card (valid through the day before the anniversary, extended by a new
/// donation) and the honour card (20 counts in the city, or stem cells).
@Suite("Card status")
struct CardStatusTests {
    static let policy = TestPolicies.taiyuan

    static func cards(_ history: [Donation], on iso: String, policy: Policy = policy) -> CardStatus {
        CardStatus(history: history, on: Fixture.date(iso), policy: policy)
    }

    struct EndCase: Sendable, CustomTestStringConvertible {
        let donation: String
        let validThrough: String
        var testDescription: String { "\(donation) → valid through \(validThrough)" }
    }

    static let endCases: [EndCase] = [
        .init(donation: "2026-03-01", validThrough: "2027-02-28"),
        .init(donation: "2027-03-01", validThrough: "2028-02-29"),
        .init(donation: "2026-01-01", validThrough: "2026-12-31"),
        .init(donation: "2026-12-31", validThrough: "2027-12-30"),
        .init(donation: "2026-08-31", validThrough: "2027-08-30"),
        .init(donation: "2028-02-28", validThrough: "2029-02-27"),
        // The anniversary of 29 February is 1 March in a common year (as for a birthday), so
        // the card runs through 28 February: a full year, not a day short.
        .init(donation: "2028-02-29", validThrough: "2029-02-28"),
    ]

    @Test("The annual card is valid through the day before the anniversary", arguments: endCases)
    func annualCardEndsTheDayBeforeTheAnniversary(_ c: EndCase) {
        let history = [Fixture.wholeBlood(c.donation)]
        let end = Fixture.date(c.validThrough)
        let onLastDay = Self.cards(history, on: c.validThrough)
        #expect(onLastDay.annual == CardStatus.Annual(
            since: Fixture.date(c.donation), lastDonation: Fixture.date(c.donation), validThrough: end, active: true))
        #expect(onLastDay.effective == .annual)
        let dayAfter = Self.cards(history, on: end.adding(days: 1).iso)
        #expect(dayAfter.annual?.active == false)
        #expect(dayAfter.effective == nil)
        #expect(dayAfter.tier == nil)
    }

    @Test func annualCardIsActiveOnTheDonationDay() {
        let status = Self.cards([Fixture.platelets("2026-03-01")], on: "2026-03-01")
        #expect(status.annual?.active == true)
        #expect(status.tier?.id == "blue")
        #expect(Self.cards([Fixture.platelets("2026-03-01")], on: "2026-02-28").annual == nil)
    }

    @Test func aDonationOnAValidDayExtendsTheCardFromThatDonation() {
        let status = Self.cards([Fixture.wholeBlood("2026-03-01"), Fixture.platelets("2026-09-10")], on: "2027-05-01")
        #expect(status.annual == CardStatus.Annual(
            since: Fixture.date("2026-03-01"), lastDonation: Fixture.date("2026-09-10"),
            validThrough: Fixture.date("2027-09-09"), active: true))
    }

    @Test func aDonationOnTheLastValidDayExtendsTheCard() {
        let status = Self.cards([Fixture.platelets("2026-03-01"), Fixture.platelets("2027-02-28")], on: "2027-03-01")
        #expect(status.annual == CardStatus.Annual(
            since: Fixture.date("2026-03-01"), lastDonation: Fixture.date("2027-02-28"),
            validThrough: Fixture.date("2028-02-27"), active: true))
    }

    @Test func aDonationAfterExpiryStartsANewCard() {
        let history = [Fixture.wholeBlood("2026-03-01"), Fixture.wholeBlood("2027-03-01")]
        #expect(Self.cards(history, on: "2027-02-28").annual?.validThrough == Fixture.date("2027-02-28"))
        let status = Self.cards(history, on: "2027-03-01")
        #expect(status.annual == CardStatus.Annual(
            since: Fixture.date("2027-03-01"), lastDonation: Fixture.date("2027-03-01"),
            validThrough: Fixture.date("2028-02-29"), active: true))
    }

    @Test func twoDonationsOnOneDayAndALaterOneEndAtTheLaterAnniversary() {
        let history = [Fixture.wholeBlood("2028-02-29", id: "a"), Fixture.platelets("2028-02-29", id: "b"),
                       Fixture.platelets("2028-03-10")]
        let status = Self.cards(history, on: "2028-06-01")
        #expect(status.annual?.validThrough == Fixture.date("2029-03-09"))
        #expect(status.annual?.since == Fixture.date("2028-02-29"))
    }

    @Test func donationsLaterThanTheDateAreIgnored() {
        let status = Self.cards([Fixture.wholeBlood("2026-03-01"), Fixture.wholeBlood("2026-10-01")], on: "2026-06-01")
        #expect(status.annual?.validThrough == Fixture.date("2027-02-28"))
    }

    @Test("What opens an annual card: whole blood or platelets, complete or low volume, in the city")
    func whatOpensAnAnnualCard() {
        let opens = [Fixture.wholeBlood("2026-03-01", outcome: .lowVolume), Fixture.wholeBlood("2026-03-01", region: "taiyuan"),
                     Fixture.platelets("2026-03-01", doses: 2)]
        for donation in opens { #expect(Self.cards([donation], on: "2026-03-02").annual?.active == true, "\(donation)") }
        var voided = Fixture.wholeBlood("2026-03-01")
        voided.voided = true
        let doesNot = [Fixture.wholeBlood("2026-03-01", outcome: .notDrawn), Fixture.wholeBlood("2026-03-01", outcome: .aborted),
                       Fixture.wholeBlood("2026-03-01", region: "other-city"), voided,
                       Donation(id: "p", date: Fixture.date("2026-03-01"), kind: .plasma, volumeML: 600)]
        for donation in doesNot { #expect(Self.cards([donation], on: "2026-03-02").annual == nil, "\(donation)") }
    }

    @Test func noAnnualCardIsActiveBeforeThePolicyTookEffect() {
        let status = Self.cards([Fixture.wholeBlood("2024-06-01")], on: "2024-06-01")
        #expect(status.annual?.active == false)
        #expect(Self.cards([Fixture.wholeBlood("2024-06-01")], on: "2025-02-01").annual?.active == true)
    }

    // MARK: Honour card

    @Test func honourCardAtExactlyTwentyCityCounts() {
        let history = Fixture.history(counts: 20)
        let last = history.last!.date
        #expect(Self.cards(history, on: last.adding(days: -1).iso).honour == nil)
        let status = Self.cards(history, on: last.iso)
        #expect(status.honour == CardStatus.Honour(since: last, basis: .counts))
        #expect(status.effective == .honour)
        #expect(status.tier?.id == "bronze")
        #expect(Self.cards(Fixture.history(counts: 19), on: "2026-01-01").honour == nil)
    }

    @Test("Counts donated in another city do not count toward Taiyuan's honour card")
    func otherCityCountsDoNotCountInTaiyuan() {
        let history = Fixture.history(counts: 18) + [Fixture.wholeBlood("2026-01-01", region: "other-city")]
        let status = Self.cards(history, on: "2026-01-01")
        #expect(status.cardCounts == CountValue(18))
        #expect(status.honour == nil)
        #expect(AwardStatus(history: history, on: Fixture.date("2026-01-01"), policy: Self.policy).totalCounts == CountValue(20))
        let onlyElsewhere = Self.cards(Fixture.history(counts: 20, region: "other-city"), on: "2026-01-01")
        #expect(onlyElsewhere.honour == nil)
        #expect(onlyElsewhere.annual == nil)
    }

    @Test func honourCardIsForLifeAndTakesPrecedenceOverTheAnnualCard() {
        let status = Self.cards(Fixture.history(counts: 20), on: "2040-01-01")
        #expect(status.honour?.since == Fixture.date("2025-03-10"))
        #expect(status.annual?.active == false)
        #expect(status.effective == .honour)
        #expect(status.tier?.id == "bronze")
    }

    @Test func stemCellHonourIsDatedFromTheStemCellDonation() {
        let history = [Fixture.wholeBlood("2026-01-10"), Fixture.stemCell("2026-04-01")]
        #expect(Self.cards(history, on: "2026-03-31").honour == nil)
        let status = Self.cards(history, on: "2026-04-01")
        #expect(status.honour == CardStatus.Honour(since: Fixture.date("2026-04-01"), basis: .stemCell))
        #expect(status.tier?.id == "gold")
        #expect(status.cardCounts == CountValue(2))
    }

    @Test func cardsNameThePolicyTheyWereEvaluatedUnder() {
        #expect(Self.cards([], on: "2026-01-01").policyReference == "taiyuan@2026.06")
        #expect(Self.cards([], on: "2026-01-01").effective == nil)
    }
}
