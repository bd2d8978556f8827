/// The eligibility, interval, deferral and questionnaire sections of a policy file.
extension PolicyLoader {
    static func parseEligibility(_ t: TableReader) throws(PolicyError) -> EligibilityRules {
        let age = try t.table("age"), weight = try t.table("weight"), hb = try t.table("haemoglobin")
        let bp = try t.table("blood_pressure"), pulse = try t.table("pulse")
        let temperature = try t.table("temperature"), labs = try t.table("apheresis_labs")
        let minAge = try age.int("min_years", min: 0), maxAge = try age.int("max_years", min: 0)
        guard maxAge >= minAge else { throw age.error("max_years", "must not be below min_years (\(minAge))") }
        let repeatMax = try age.int("repeat_donor_max_years", min: 0)
        guard repeatMax >= maxAge else {
            throw age.error("repeat_donor_max_years", "must not be below max_years (\(maxAge))")
        }
        let rules = EligibilityRules(
            minAge: minAge, maxAge: maxAge, repeatDonorMaxAge: repeatMax,
            minWeightKg: [.male: try weight.double("male_min_kg", min: 0), .female: try weight.double("female_min_kg", min: 0)],
            minHaemoglobin: [.male: try hb.double("male_min_g_per_l", min: 0), .female: try hb.double("female_min_g_per_l", min: 0)],
            systolicMin: try bp.int("systolic_min", min: 0), systolicBelow: try bp.int("systolic_below", min: 0),
            diastolicMin: try bp.int("diastolic_min", min: 0), diastolicBelow: try bp.int("diastolic_below", min: 0),
            pulsePressureMin: try bp.int("pulse_pressure_min", min: 0),
            pulseMin: try pulse.int("min", min: 0), pulseMax: try pulse.int("max", min: 0),
            athletePulseMin: try pulse.int("athlete_min", min: 0),
            pulseRegularRequired: try pulse.bool("regular_required"),
            maxTemperatureCelsius: try temperature.double("max_celsius", min: 0),
            apheresisLabProcedures: try labs.choices("procedures", Procedure.self),
            haematocritMin: try labs.double("haematocrit_min", min: 0),
            plateletsMin: try labs.double("platelets_min", min: 0),
            plateletsBelow: try labs.double("platelets_below", min: 0))
        guard rules.systolicBelow > rules.systolicMin else { throw bp.error("systolic_below", "must be above systolic_min") }
        guard rules.diastolicBelow > rules.diastolicMin else { throw bp.error("diastolic_below", "must be above diastolic_min") }
        guard rules.pulseMax >= rules.pulseMin else { throw pulse.error("max", "must not be below min") }
        guard rules.plateletsBelow > rules.plateletsMin else { throw labs.error("platelets_below", "must be above platelets_min") }
        return rules
    }

    static func parseIntervals(_ t: TableReader) throws(PolicyError) -> IntervalRules {
        var waits: [IntervalRules.IntervalKey: PolicyDuration] = [:]
        for rule in try t.tables("rule") {
            let after = try rule.choice("after", Procedure.self)
            let before = try rule.choice("before", Procedure.self)
            let key = IntervalRules.IntervalKey(after: after, before: before)
            guard waits[key] == nil else {
                throw rule.error("after", "a second rule for \(after.rawValue) → \(before.rawValue)")
            }
            waits[key] = try rule.duration("wait")
        }
        return IntervalRules(outcomes: try t.choices("outcomes", DonationOutcome.self), waits: waits)
    }

    static func parseOverrides(_ root: TableReader) throws(PolicyError) -> Set<String> {
        guard root.has("overrides") else { return [] }
        let t = try root.table("overrides")
        let values = try t.array("rules", allowEmpty: true)
        var result = Set<String>()
        for value in values {
            guard case .string(let code) = value.kind else {
                throw t.error("rules", "expected a list of rule codes", line: value.line)
            }
            guard RuleCode.overridable.contains(code) else {
                let hint = code == RuleCode.permanentDeferral ? " (a permanent deferral can never be overridden)" : ""
                throw t.error("rules", "\"\(code)\" is not a rule that can be overridden\(hint)", line: value.line)
            }
            result.insert(code)
        }
        return result
    }

    static func parseDeferralRules(_ root: TableReader) throws(PolicyError) -> [DeferralRule] {
        var rules: [DeferralRule] = []
        for t in try root.tables("deferral_rules") {
            let id = try t.string("id")
            guard !rules.contains(where: { $0.id == id }) else { throw t.error("id", "duplicate deferral rule \"\(id)\"") }
            let permanent = try t.bool("permanent", default: false)
            let duration: PolicyDuration?
            switch (permanent, t.has("duration")) {
            case (true, true): throw t.error("duration", "a permanent rule has no duration")
            case (false, false): throw t.error("duration", "missing key (or set permanent = true)")
            case (true, false): duration = nil
            case (false, true): duration = try t.duration("duration")
            }
            let procedures = t.has("procedures") ? try t.choices("procedures", Procedure.self) : []
            rules.append(DeferralRule(id: id, name: try t.localized("name"), duration: duration, procedures: procedures))
        }
        return rules
    }

    static func parseQuestionnaire(_ t: TableReader, rules: [DeferralRule]) throws(PolicyError) -> Questionnaire {
        var groups: [Questionnaire.Group] = []
        for g in try t.tables("groups") {
            groups.append(.init(id: try g.string("id"), name: try g.localized("name")))
        }
        var questions: [Questionnaire.Question] = []
        for q in try t.tables("questions") {
            let id = try q.string("id")
            guard !questions.contains(where: { $0.id == id }) else { throw q.error("id", "duplicate question \"\(id)\"") }
            let group = try q.string("group")
            guard groups.contains(where: { $0.id == group }) else { throw q.error("group", "names no questionnaire group (\"\(group)\")") }
            let onYes = try q.string("on_yes")
            guard rules.contains(where: { $0.id == onYes }) else { throw q.error("on_yes", "names no deferral rule (\"\(onYes)\")") }
            questions.append(.init(id: id, group: group, text: try q.localized("text"), onYes: onYes))
        }
        return Questionnaire(groups: groups, questions: questions)
    }
}
