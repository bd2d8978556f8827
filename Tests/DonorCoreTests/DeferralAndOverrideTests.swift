import Testing
@testable import DonorCore

/// Temporary and permanent deferrals, the questionnaire, what each viewer may see, and
/// supervisor overrides.
@Suite("Eligibility: deferrals, questionnaire and overrides")
struct DeferralAndOverrideTests {
    static func deferral(_ rule: String, from: String, until: String?, source: Deferral.Source = .staff, id: String? = nil) -> Deferral {
        Deferral(id: id ?? "def-\(rule)", rule: rule, source: source, from: Fixture.date(from), until: until.map(Fixture.date))
    }

    // MARK: Temporary deferrals

    @Test func temporaryDeferralBlocksUntilItsEndAndIsGoneOnIt() {
        let cold = Self.deferral("cold", from: "2026-05-01", until: "2026-05-08")
        let during = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-07", deferrals: [cold]))
        #expect(during.failures == [RuleFinding(code: RuleCode.temporaryDeferral,
                                                values: ["rule": "cold", "source": "staff", "until": "2026-05-08"],
                                                until: Fixture.date("2026-05-08"))])
        let day = Fixture.date("2026-05-08")
        #expect(during.nextPossible == [.wholeBlood: day, .platelets: day, .plasma: day])
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-08", deferrals: [cold])).status == .eligible)
    }

    @Test func aDeferralSetLaterOrLiftedDoesNotBlockToday() {
        var lifted = Self.deferral("tattoo", from: "2026-01-01", until: "2027-01-01")
        lifted.lifted = true
        let future = Self.deferral("cold", from: "2026-06-02", until: "2026-06-09")
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", deferrals: [lifted, future]))
        #expect(decision.status == .eligible)
    }

    @Test("A procedure-limited rule (aspirin) defers platelets only")
    func aspirinDefersPlateletsOnly() {
        let aspirin = Self.deferral("aspirin", from: "2026-06-01", until: "2026-06-06")
        let platelets = Fixture.decide(Fixture.input(.platelets, on: "2026-06-03", deferrals: [aspirin]))
        #expect(platelets.failureCodes == [RuleCode.temporaryDeferral])
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-03", deferrals: [aspirin])).status == .eligible)
        #expect(platelets.nextPossible == [.wholeBlood: Fixture.date("2026-06-03"), .platelets: Fixture.date("2026-06-06"),
                                           .plasma: Fixture.date("2026-06-03")])
    }

    @Test func nextPossibleWaitsForTheLaterOfIntervalAndDeferral() {
        let tattoo = Self.deferral("tattoo", from: "2026-04-01", until: "2027-04-01")
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-04-10", history: [Fixture.wholeBlood("2026-03-31")], deferrals: [tattoo]))
        #expect(decision.failureCodes == ["interval.whole_blood.whole_blood", RuleCode.temporaryDeferral])
        #expect(decision.nextPossible[.wholeBlood] == Fixture.date("2027-04-01"))
    }

    // MARK: Permanent deferrals and who may see them

    static let permanent = deferral("infection_marker", from: "2026-03-01", until: nil, source: .lab)

    @Test func permanentDeferralHasNoNextDate() {
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", deferrals: [Self.permanent]))
        #expect(decision.status == .ineligible)
        #expect(decision.failures == [RuleFinding(code: RuleCode.permanentDeferral, values: ["rule": "infection_marker", "source": "lab"])])
        #expect(decision.nextPossible.isEmpty)
    }

    @Test("A volunteer, donor or nurse sees only 'please see the nurse', with no values", arguments: [Viewer.volunteer, .donor, .nurse])
    func permanentDeferralIsRedactedForAnyoneButASupervisor(_ viewer: Viewer) {
        let second = Self.deferral("high_risk_behaviour", from: "2026-04-01", until: nil, source: .questionnaire)
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", deferrals: [Self.permanent, second]))
        let shown = decision.redacted(for: viewer)
        #expect(shown.failures.count == 1)
        #expect(shown.failures.first?.messageKey == "eligibility.see_nurse")
        #expect(shown.failures.first?.values == [:])
        #expect(shown.failures.first?.until == nil)
        #expect(shown.status == .ineligible)
    }

    @Test func redactionKeepsOtherReasonsVisible() {
        let cold = Self.deferral("cold", from: "2026-05-30", until: "2026-06-06")
        let shown = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", deferrals: [Self.permanent, cold])).redacted(for: .volunteer)
        #expect(shown.failures.map(\.messageKey) == ["eligibility.see_nurse", "eligibility.deferral.temporary"])
        #expect(shown.failures.last?.values["rule"] == "cold")
    }

    @Test func supervisorSeesThePermanentDeferralRule() {
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", deferrals: [Self.permanent]))
        let shown = decision.redacted(for: .supervisor)
        #expect(shown == decision)
        #expect(shown.failures.first?.messageKey == "eligibility.deferral.permanent")
        #expect(shown.failures.first?.values["rule"] == "infection_marker")
    }

    // MARK: Questionnaire

    @Test func questionnaireYesDefersFromTheAnswerDate() {
        let answers = QuestionnaireAnswers(date: Fixture.date("2026-05-01"), answers: ["cold": true, "alcohol": false])
        let during = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-07", answers: answers))
        #expect(during.failures == [RuleFinding(code: RuleCode.questionnaireDeferral,
                                                values: ["question": "cold", "rule": "cold", "until": "2026-05-08"],
                                                until: Fixture.date("2026-05-08"))])
        #expect(during.nextPossible[.wholeBlood] == Fixture.date("2026-05-08"))
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-05-08", answers: answers)).status == .eligible)
    }

    @Test func questionnaireAspirinDefersPlateletsOnly() {
        let answers = QuestionnaireAnswers(date: Fixture.date("2026-06-01"), answers: ["aspirin": true])
        #expect(Fixture.decide(Fixture.input(.platelets, on: "2026-06-01", answers: answers)).failureCodes == [RuleCode.questionnaireDeferral])
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", answers: answers)).status == .eligible)
    }

    @Test func questionnaireYesToAPermanentRuleIsAPermanentDeferral() {
        let answers = QuestionnaireAnswers(date: Fixture.date("2026-06-01"), answers: ["high_risk": true])
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", answers: answers))
        #expect(decision.failures == [RuleFinding(code: RuleCode.permanentDeferral, values: ["rule": "high_risk_behaviour", "source": "questionnaire"])])
        #expect(decision.nextPossible.isEmpty)
        #expect(decision.redacted(for: .donor).failures.first?.messageKey == "eligibility.see_nurse")
    }

    // MARK: Overrides

    static let supervisor = "S-0042"

    @Test func overriddenPlateletIntervalMakesTheDecisionEligible() {
        let override = RuleOverride(rule: "interval.platelets.platelets", by: Self.supervisor, reason: "doctor approved 1 week")
        let decision = Fixture.decide(Fixture.input(.platelets, on: "2026-06-08", history: [Fixture.platelets("2026-06-01")], overrides: [override]))
        #expect(decision.status == .eligible)
        #expect(decision.failures.isEmpty)
        #expect(decision.overridden.map(\.code) == ["interval.platelets.platelets"])
        #expect(decision.overridden.first?.override == override)
        #expect(decision.overridden.first?.overridable == true)
        // An override is for this decision; the date-bound next date is unchanged.
        #expect(decision.nextPossible[.platelets] == Fixture.date("2026-06-15"))
    }

    @Test func overriddenLowPulseMakesTheDecisionEligible() {
        var vitals = Fixture.healthy
        vitals.pulse = 55
        let override = RuleOverride(rule: RuleCode.pulseLow, by: Self.supervisor, reason: "trained cyclist")
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", vitals: vitals, overrides: [override]))
        #expect(decision.status == .eligible)
        #expect(decision.overridden.map(\.code) == [RuleCode.pulseLow])
    }

    @Test func aRuleThePolicyDoesNotMarkOverridableStaysFailing() {
        var vitals = Fixture.healthy
        vitals.weightKg = 48
        let overrides = [RuleOverride(rule: RuleCode.weightBelowMin, by: Self.supervisor, reason: "close enough"),
                         RuleOverride(rule: RuleCode.permanentDeferral, by: Self.supervisor, reason: "retest pending")]
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", deferrals: [Self.permanent], vitals: vitals, overrides: overrides))
        #expect(decision.status == .ineligible)
        #expect(decision.failureCodes == [RuleCode.permanentDeferral, RuleCode.weightBelowMin])
        #expect(decision.failures.allSatisfy { !$0.overridable && $0.override == nil })
        #expect(decision.overridden.isEmpty)
    }

    @Test func anOverrideLeavesOtherFailuresStanding() {
        var vitals = Fixture.healthy
        vitals.pulse = 55
        vitals.haemoglobin = 100
        let override = RuleOverride(rule: RuleCode.pulseLow, by: Self.supervisor, reason: "athlete")
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", vitals: vitals, overrides: [override]))
        #expect(decision.status == .ineligible)
        #expect(decision.failureCodes == [RuleCode.haemoglobinBelowMin])
        #expect(decision.overridden.map(\.code) == [RuleCode.pulseLow])
    }

    @Test func anOverriddenRuleWithMissingChecksIsIncomplete() {
        let override = RuleOverride(rule: "interval.platelets.platelets", by: Self.supervisor, reason: "doctor approved")
        var vitals = Fixture.healthy
        vitals.temperatureCelsius = nil
        let decision = Fixture.decide(Fixture.input(.platelets, on: "2026-06-08", history: [Fixture.platelets("2026-06-01")], vitals: vitals, overrides: [override]))
        #expect(decision.status == .incomplete)
        #expect(decision.missing == ["temperature"])
    }
}
