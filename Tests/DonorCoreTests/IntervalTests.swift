import Testing
@testable import DonorCore

/// The Taiyuan interval matrix and the platelet yearly limit: the day before, on and after
/// every boundary, and the `nextPossible` date each decision reports.
@Suite("Intervals and the yearly limit")
struct IntervalTests {
    struct Boundary: CustomTestStringConvertible, Sendable {
        let previous: Donation
        let procedure: Procedure
        /// The first day the interval allows `procedure`.
        let opens: String
        var testDescription: String { "\(previous.kind.rawValue) \(previous.date) → \(procedure.rawValue) from \(opens)" }
    }

    static let boundaries: [Boundary] = [
        // Whole blood → whole blood: 6 calendar months, clamped to the month's end.
        .init(previous: Fixture.wholeBlood("2026-03-15"), procedure: .wholeBlood, opens: "2026-09-15"),
        .init(previous: Fixture.wholeBlood("2026-08-31"), procedure: .wholeBlood, opens: "2027-02-28"),
        .init(previous: Fixture.wholeBlood("2027-08-31"), procedure: .wholeBlood, opens: "2028-02-29"),
        .init(previous: Fixture.wholeBlood("2026-12-31"), procedure: .wholeBlood, opens: "2027-06-30"),
        // Platelets → platelets: 2 weeks, exact days.
        .init(previous: Fixture.platelets("2026-03-01"), procedure: .platelets, opens: "2026-03-15"),
        .init(previous: Fixture.platelets("2028-02-20"), procedure: .platelets, opens: "2028-03-05"),
        // Platelets → whole blood: 4 weeks, exact days.
        .init(previous: Fixture.platelets("2026-03-01"), procedure: .wholeBlood, opens: "2026-03-29"),
        .init(previous: Fixture.platelets("2026-12-20"), procedure: .wholeBlood, opens: "2027-01-17"),
        // Whole blood → platelets: 3 calendar months, clamped.
        .init(previous: Fixture.wholeBlood("2026-04-10"), procedure: .platelets, opens: "2026-07-10"),
        .init(previous: Fixture.wholeBlood("2026-03-31"), procedure: .platelets, opens: "2026-06-30"),
        .init(previous: Fixture.wholeBlood("2027-11-30"), procedure: .platelets, opens: "2028-02-29"),
    ]

    static func code(_ b: Boundary) -> String { RuleCode.interval(after: b.previous.kind.procedure!, before: b.procedure) }

    @Test("The day before an interval ends, the interval rule fails with until = the opening day", arguments: boundaries)
    func intervalBlocksTheDayBefore(_ b: Boundary) {
        let opens = Fixture.date(b.opens)
        let decision = Fixture.decide(Fixture.input(b.procedure, on: opens.adding(days: -1).iso, history: [b.previous]))
        #expect(decision.status == .ineligible)
        #expect(decision.failureCodes == [Self.code(b)])
        #expect(decision.failures.first?.until == opens)
        #expect(decision.failures.first?.values["until"] == b.opens)
        #expect(decision.nextPossible[b.procedure] == opens)
    }

    @Test("On the opening day and the day after, the donor is eligible", arguments: boundaries)
    func intervalOpensOnTheDay(_ b: Boundary) {
        let opens = Fixture.date(b.opens)
        for day in [opens, opens.adding(days: 1)] {
            let decision = Fixture.decide(Fixture.input(b.procedure, on: day.iso, history: [b.previous]))
            #expect(decision.status == .eligible, "on \(day)")
            #expect(decision.nextPossible[b.procedure] == day)
        }
    }

    @Test func wholeBloodIntervalClampsToMonthEnd() {
        #expect(PolicyDuration(amount: 6, unit: .months).after(Fixture.date("2026-08-31")) == Fixture.date("2027-02-28"))
        #expect(PolicyDuration(amount: 6, unit: .months).after(Fixture.date("2027-08-31")) == Fixture.date("2028-02-29"))
    }

    @Test func nextPossibleIsExactForEveryProcedure() {
        let afterWholeBlood = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-04-10", history: [Fixture.wholeBlood("2026-03-31")]))
        #expect(afterWholeBlood.nextPossible == [
            .wholeBlood: Fixture.date("2026-09-30"), .platelets: Fixture.date("2026-06-30"), .plasma: Fixture.date("2026-06-30"),
        ])
        let afterPlatelets = Fixture.decide(Fixture.input(.platelets, on: "2026-04-10", history: [Fixture.platelets("2026-04-01")]))
        #expect(afterPlatelets.nextPossible == [
            .wholeBlood: Fixture.date("2026-04-29"), .platelets: Fixture.date("2026-04-15"), .plasma: Fixture.date("2026-04-15"),
        ])
    }

    @Test func theLatestDonationOfEachKindSetsTheInterval() {
        let history = [Fixture.wholeBlood("2025-01-10"), Fixture.platelets("2026-05-01"), Fixture.wholeBlood("2026-02-01")]
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-10", history: history))
        #expect(decision.failureCodes == ["interval.whole_blood.whole_blood", "interval.platelets.whole_blood"])
        #expect(decision.nextPossible[.wholeBlood] == Fixture.date("2026-08-01"))
    }

    @Test("Outcomes that count for intervals: complete, low volume and aborted; not 'not drawn' or voided")
    func intervalOutcomes() {
        for outcome in [DonationOutcome.complete, .lowVolume, .aborted] {
            let d = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-01", history: [Fixture.wholeBlood("2026-04-01", outcome: outcome)]))
            #expect(d.failureCodes == ["interval.whole_blood.whole_blood"], "\(outcome)")
        }
        var voided = Fixture.wholeBlood("2026-04-01")
        voided.voided = true
        for donation in [Fixture.wholeBlood("2026-04-01", outcome: .notDrawn), voided] {
            #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-01", history: [donation])).status == .eligible)
        }
    }

    @Test func donationsInAnotherCityStillSetTheInterval() {
        let d = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-01", history: [Fixture.wholeBlood("2026-04-01", region: "other-city")]))
        #expect(d.failureCodes == ["interval.whole_blood.whole_blood"])
    }

    // MARK: The platelet yearly limit

    /// `n` platelet donations every 14 days from `start`.
    static func plateletRun(_ n: Int, from start: String) -> [Donation] {
        (0..<n).map { Fixture.platelets(Fixture.date(start).adding(days: 14 * $0).iso) }
    }

    @Test func twentyFourPlateletDonationsInTheWindowBlockPlatelets() {
        let history = Self.plateletRun(24, from: "2026-01-05")   // the last on 2026-11-23
        let decision = Fixture.decide(Fixture.input(.platelets, on: "2026-12-07", history: history))
        #expect(decision.failureCodes == [RuleCode.yearlyLimit])
        #expect(decision.failures.first?.values == ["count": "24", "limit": "24", "until": "2027-01-05"])
        #expect(decision.failures.first?.until == Fixture.date("2027-01-05"))
        #expect(decision.nextPossible[.platelets] == Fixture.date("2027-01-05"))
        // The limit is on platelets only.
        #expect(decision.nextPossible[.wholeBlood] == Fixture.date("2026-12-21"))
    }

    @Test func yearlyLimitLiftsWhenTheOldestDonationLeavesTheWindow() {
        let history = Self.plateletRun(24, from: "2026-01-05")
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2027-01-04", history: history)).failureCodes == [RuleCode.yearlyLimit])
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2027-01-05", history: history)).status == .eligible)
    }

    @Test func twentyThreePlateletDonationsDoNotBlock() {
        let history = Self.plateletRun(23, from: "2026-01-05")   // the last on 2026-11-09
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2026-12-07", history: history)).status == .eligible)
    }

    @Test func twoDoseDonationsCountOnceTowardTheYearlyLimit() {
        let history = (0..<23).map { Fixture.platelets(Fixture.date("2026-01-05").adding(days: 14 * $0).iso, doses: 2) }
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2026-12-07", history: history)).status == .eligible)
    }

    @Test("A window opened on 29 February lifts on 1 March, and the finding says so")
    func yearlyLimitFromLeapDayLiftsOnFirstOfMarch() {
        let history = Self.plateletRun(24, from: "2028-02-29")   // the last on 2029-01-16
        let decision = Fixture.decide(Fixture.input(.platelets, on: "2029-02-01", history: history))
        #expect(decision.failures.first?.until == Fixture.date("2029-03-01"))
        #expect(decision.nextPossible[.platelets] == Fixture.date("2029-03-01"))
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2029-02-28", history: history)).failureCodes == [RuleCode.yearlyLimit])
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2029-03-01", history: history)).status == .eligible)
    }
}
