/// Decides whether a donor may give a procedure on a date: one pure function of the donor, the
/// history, deferrals, answers, the day's checks and the policy. Same input, same decision.
public enum EligibilityEngine {
    /// The decision for `input` under `policy`, listing every failing rule and, per procedure,
    /// the first date the date-bound rules allow it.
    public static func decide(_ input: EligibilityInput, policy: Policy) -> EligibilityDecision {
        var findings = datedFindings(input, procedure: input.procedure, on: input.date, policy: policy)
        var missing: [String] = []
        findings += CheckRules.findings(input.vitals, sex: input.donor.sex, procedure: input.procedure, rules: policy.eligibility, missing: &missing)

        var failures: [RuleFinding] = [], overridden: [RuleFinding] = []
        for var finding in findings {
            finding.overridable = policy.overridableRules.contains(finding.code)
            if finding.overridable, let override = input.overrides.first(where: { $0.rule == finding.code }) {
                finding.override = override
                overridden.append(finding)
            } else {
                failures.append(finding)
            }
        }
        var next: [Procedure: LocalDate] = [:]
        for procedure in Procedure.allCases {
            if let date = firstPossibleDate(input, procedure: procedure, policy: policy) { next[procedure] = date }
        }
        let status: EligibilityDecision.Status = !failures.isEmpty ? .ineligible : (missing.isEmpty ? .eligible : .incomplete)
        return EligibilityDecision(
            policy: policy.reference, date: input.date, procedure: input.procedure, status: status,
            failures: failures, overridden: overridden, missing: missing, nextPossible: next)
    }

    /// The first day on or after the input's date when no date-bound rule blocks `procedure`;
    /// nil when time alone never lifts a block.
    static func firstPossibleDate(_ input: EligibilityInput, procedure: Procedure, policy: Policy) -> LocalDate? {
        var date = input.date
        // Each step jumps to the latest "until" of the blocks found; a new block can appear only
        // from a finite set of rules, so a few rounds settle it.
        for _ in 0..<16 {
            let blocks = datedFindings(input, procedure: procedure, on: date, policy: policy)
            if blocks.isEmpty { return date }
            let untils = blocks.map(\.until)
            if untils.contains(where: { $0 == nil }) { return nil }
            // A rule must say a later day; should one ever not, step a day rather than stall.
            date = max(untils.compactMap { $0 }.max()!, date.adding(days: 1))
        }
        return nil
    }

    /// The rules that depend on the date: age, intervals, the yearly limit, deferrals and the
    /// questionnaire.
    static func datedFindings(_ input: EligibilityInput, procedure: Procedure, on date: LocalDate, policy: Policy) -> [RuleFinding] {
        let history = CountCalculator.chronological(input.history).filter {
            !$0.voided && $0.date <= date && policy.intervals.outcomes.contains($0.outcome)
        }
        var findings = ageFindings(input, history: history, on: date, rules: policy.eligibility)
        findings += intervalFindings(history, procedure: procedure, on: date, policy: policy)
        findings += yearlyLimitFindings(history, procedure: procedure, on: date, policy: policy)
        findings += deferralFindings(input.deferrals, procedure: procedure, on: date, policy: policy)
        findings += questionnaireFindings(input.answers, procedure: procedure, on: date, policy: policy)
        return findings
    }

    static func ageFindings(_ input: EligibilityInput, history: [Donation], on date: LocalDate, rules: EligibilityRules) -> [RuleFinding] {
        let birth = input.donor.birthDate
        let age = birth.age(on: date)
        if age < rules.minAge {
            return [RuleFinding(code: RuleCode.ageBelowMin, values: ["age": "\(age)", "min": "\(rules.minAge)"],
                                until: birth.birthday(turning: rules.minAge))]
        }
        // A repeat donor who never had a reaction may give up to the higher line.
        let isRepeat = !history.isEmpty && history.allSatisfy { $0.reaction == nil }
        let limit = isRepeat ? rules.repeatDonorMaxAge : rules.maxAge
        if age > limit {
            return [RuleFinding(code: RuleCode.ageAboveMax, values: ["age": "\(age)", "max": "\(limit)"])]
        }
        return []
    }

    static func intervalFindings(_ history: [Donation], procedure: Procedure, on date: LocalDate, policy: Policy) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for previous in Procedure.allCases {
            guard let wait = policy.intervals.wait(after: previous, before: procedure),
                  let last = history.last(where: { $0.kind.procedure == previous }) else { continue }
            let until = wait.after(last.date)
            if date < until {
                var finding = RuleFinding(
                    code: RuleCode.interval(after: previous, before: procedure),
                    values: ["last": last.date.iso, "after": previous.rawValue, "before": procedure.rawValue,
                             "wait_amount": "\(wait.amount)", "wait_unit": wait.unit.rawValue, "until": until.iso],
                    until: until)
                // One sentence serves every pair of procedures; the values name them.
                finding.messageKey = "eligibility.interval"
                findings.append(finding)
            }
        }
        return findings
    }

    static func yearlyLimitFindings(_ history: [Donation], procedure: Procedure, on date: LocalDate, policy: Policy) -> [RuleFinding] {
        let rules = policy.procedures
        guard procedure == .platelets else { return [] }
        let windowStart = rules.plateletYearlyWindow.before(date)
        let inWindow = history.filter { $0.kind == .platelets && $0.date > windowStart }.map(\.date)
        guard inWindow.count >= rules.plateletYearlyLimit else { return [] }
        // Possible again on the first day whose window no longer holds the donation that has to
        // leave. Month-end clamping can land "a window after it" inside the window (2028-02-29
        // + 1 year = 2029-02-28, whose window still starts after 2028-02-28): walk forward from
        // there, so the finding's date is the day the limit really lifts.
        let leaving = inWindow[inWindow.count - rules.plateletYearlyLimit]
        var until = rules.plateletYearlyWindow.after(leaving)
        while rules.plateletYearlyWindow.before(until) < leaving { until = until.adding(days: 1) }
        return [RuleFinding(code: RuleCode.yearlyLimit,
                            values: ["count": "\(inWindow.count)", "limit": "\(rules.plateletYearlyLimit)", "until": until.iso],
                            until: until)]
    }

    static func deferralFindings(_ deferrals: [Deferral], procedure: Procedure, on date: LocalDate, policy: Policy) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        for deferral in deferrals.sorted(by: { ($0.from, $0.id) < ($1.from, $1.id) })
        where !deferral.lifted && deferral.from <= date {
            // A rule the policy limits to some procedures defers only those.
            if let rule = policy.deferralRule(deferral.rule), !rule.applies(to: procedure) { continue }
            if let until = deferral.until {
                if date < until {
                    findings.append(RuleFinding(code: RuleCode.temporaryDeferral,
                                                values: ["rule": deferral.rule, "source": deferral.source.rawValue, "until": until.iso],
                                                until: until))
                }
            } else {
                findings.append(RuleFinding(code: RuleCode.permanentDeferral,
                                            values: ["rule": deferral.rule, "source": deferral.source.rawValue]))
            }
        }
        return findings
    }

    static func questionnaireFindings(_ answers: QuestionnaireAnswers?, procedure: Procedure, on date: LocalDate, policy: Policy) -> [RuleFinding] {
        guard let answers, answers.date <= date else { return [] }
        var findings: [RuleFinding] = []
        for question in policy.questionnaire.questions where answers.answers[question.id] == true {
            guard let rule = policy.deferralRule(question.onYes), rule.applies(to: procedure) else { continue }
            guard let duration = rule.duration else {
                findings.append(RuleFinding(code: RuleCode.permanentDeferral,
                                            values: ["rule": rule.id, "source": Deferral.Source.questionnaire.rawValue]))
                continue
            }
            // The questionnaire does not ask the exact day, so the wait runs from the answer.
            let until = duration.after(answers.date)
            if date < until {
                findings.append(RuleFinding(code: RuleCode.questionnaireDeferral,
                                            values: ["question": question.id, "rule": rule.id, "until": until.iso],
                                            until: until))
            }
        }
        return findings
    }
}
