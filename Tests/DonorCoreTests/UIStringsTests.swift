import Testing
@testable import DonorCore

/// The UI strings: both languages complete, every rule explained, placeholders filled.
@Suite struct UIStringsTests {
    let zh = try! UIStrings.load(assets: "\(TestPolicies.root)/assets", language: "zh-Hans")
    let en = try! UIStrings.load(assets: "\(TestPolicies.root)/assets", language: "en")

    @Test func bothLanguagesHaveTheSameKeys() {
        #expect(zh.keys.subtracting(en.keys).sorted() == [])
        #expect(en.keys.subtracting(zh.keys).sorted() == [])
    }

    @Test func everyRuleCodeHasAMessage() {
        var keys = RuleCode.overridable.filter { !$0.hasPrefix("interval.") }.map { "eligibility.\($0)" }
        keys += ["eligibility.interval", "eligibility.see_nurse", "eligibility.\(RuleCode.permanentDeferral)", "eligibility.\(RuleCode.ageBelowMin)"]
        for key in keys {
            #expect(zh.has(key), "zh-Hans lacks \(key)")
            #expect(en.has(key), "en lacks \(key)")
        }
    }

    @Test func placeholdersAreFilled() {
        #expect(zh("duration.months", ["n": "6"]) == "6个月")
        #expect(en("award.next", ["missing": "6", "level": "Bronze award"]) == "6 more counts to the Bronze award")
        #expect(zh("no.such.key") == "no.such.key")
    }

    @Test func intervalSentenceNamesBothProcedures() {
        let text = DecisionText(strings: zh, policy: TestPolicies.taiyuan)
        var finding = RuleFinding(code: RuleCode.interval(after: .platelets, before: .wholeBlood),
                                  values: ["last": "2026-11-01", "after": "platelets", "before": "whole_blood",
                                           "wait_amount": "4", "wait_unit": "weeks", "until": "2026-11-29"])
        finding.messageKey = "eligibility.interval"
        #expect(text.finding(finding) == "距上次献机采血小板（2026-11-01）未满4周，2026-11-29 起可献全血")
    }

    @Test func unknownLanguageIsRefused() {
        #expect(throws: PolicyError.self) { try UIStrings.load(assets: "\(TestPolicies.root)/assets", language: "fr") }
    }
}
