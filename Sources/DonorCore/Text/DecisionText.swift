/// Plain-language lines for eligibility decisions and card states, shared by the CLI and the
/// screens so that both say the same thing.
public struct DecisionText: Sendable {
    public let strings: UIStrings
    public let policy: Policy

    public init(strings: UIStrings, policy: Policy) {
        self.strings = strings
        self.policy = policy
    }

    /// "全血", "Whole blood".
    public func procedure(_ p: Procedure) -> String { strings("procedure.\(p.rawValue)") }

    /// "6个月", "6 months".
    public func duration(_ d: PolicyDuration) -> String {
        strings("duration.\(d.unit.rawValue)", ["n": "\(d.amount)"])
    }

    /// The sentence for one finding, with names of rules and procedures filled in.
    public func finding(_ f: RuleFinding) -> String {
        var values = f.values
        if let rule = values["rule"], let deferral = policy.deferralRule(rule) {
            values["rule_name"] = strings.pick(deferral.name)
        }
        if let source = values["source"] { values["source_name"] = strings("deferral.source.\(source)") }
        if let after = values["after"], let p = Procedure(rawValue: after) { values["after_name"] = procedure(p) }
        if let before = values["before"], let p = Procedure(rawValue: before) { values["before_name"] = procedure(p) }
        if let question = values["question"], let q = policy.questionnaire.questions.first(where: { $0.id == question }) {
            values["question_text"] = strings.pick(q.text)
        }
        if let wait = values["wait_amount"], let unit = values["wait_unit"], let n = Int(wait),
           let u = PolicyDuration.Unit(rawValue: unit) {
            values["wait_text"] = duration(PolicyDuration(amount: n, unit: u))
        }
        var text = strings(f.messageKey, values)
        if let override = f.override {
            text += strings("eligibility.overridden_by", ["by": override.by, "reason": override.reason])
        }
        return text
    }

    /// "可以献血" / "暂不能献血" / "检查未完成".
    public func status(_ d: EligibilityDecision) -> String { strings("eligibility.status.\(d.status.rawValue)") }

    /// "体重" etc. for a missing check.
    public func check(_ name: String) -> String { strings("check.\(name)") }

    /// "全血：2027-02-28 起" per procedure, "不可预计" when time alone will not do.
    public func nextDates(_ d: EligibilityDecision) -> [(Procedure, String)] {
        Procedure.allCases.map { p in
            if let date = d.nextPossible[p] {
                return (p, date == d.date ? strings("eligibility.next.today") : strings("eligibility.next.from", ["date": date.iso]))
            }
            return (p, strings("eligibility.next.never"))
        }
    }
}
