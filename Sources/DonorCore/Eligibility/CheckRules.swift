/// The rules on the day's measurements: weight, blood pressure, pulse, temperature,
/// haemoglobin and, for apheresis, haematocrit and platelets.
enum CheckRules {
    static func findings(_ v: Vitals, sex: Sex, procedure: Procedure, rules: EligibilityRules, missing: inout [String]) -> [RuleFinding] {
        var findings: [RuleFinding] = []
        func fail(_ code: String, _ value: String, _ line: String) {
            findings.append(RuleFinding(code: code, values: ["value": value, "limit": line]))
        }

        if let weight = v.weightKg {
            let min = rules.minWeightKg[sex]!
            if weight < min { fail(RuleCode.weightBelowMin, format(weight), format(min)) }
        } else { missing.append("weight") }

        if let systolic = v.systolic, let diastolic = v.diastolic {
            if systolic < rules.systolicMin { fail(RuleCode.systolicLow, "\(systolic)", "\(rules.systolicMin)") }
            if systolic >= rules.systolicBelow { fail(RuleCode.systolicHigh, "\(systolic)", "\(rules.systolicBelow)") }
            if diastolic < rules.diastolicMin { fail(RuleCode.diastolicLow, "\(diastolic)", "\(rules.diastolicMin)") }
            if diastolic >= rules.diastolicBelow { fail(RuleCode.diastolicHigh, "\(diastolic)", "\(rules.diastolicBelow)") }
            if systolic - diastolic < rules.pulsePressureMin {
                fail(RuleCode.pulsePressureLow, "\(systolic - diastolic)", "\(rules.pulsePressureMin)")
            }
        } else { missing.append("blood_pressure") }

        if let pulse = v.pulse {
            let min = v.athlete == true ? rules.athletePulseMin : rules.pulseMin
            if pulse < min { fail(RuleCode.pulseLow, "\(pulse)", "\(min)") }
            if pulse > rules.pulseMax { fail(RuleCode.pulseHigh, "\(pulse)", "\(rules.pulseMax)") }
            if rules.pulseRegularRequired, v.pulseRegular == false {
                findings.append(RuleFinding(code: RuleCode.pulseIrregular))
            }
        } else { missing.append("pulse") }

        if let temperature = v.temperatureCelsius {
            if temperature > rules.maxTemperatureCelsius {
                fail(RuleCode.temperatureHigh, format(temperature), format(rules.maxTemperatureCelsius))
            }
        } else { missing.append("temperature") }

        if let hb = v.haemoglobin {
            let min = rules.minHaemoglobin[sex]!
            if hb < min { fail(RuleCode.haemoglobinBelowMin, format(hb), format(min)) }
        } else { missing.append("haemoglobin") }

        guard rules.apheresisLabProcedures.contains(procedure) else { return findings }
        if let hct = v.haematocrit {
            if hct < rules.haematocritMin { fail(RuleCode.haematocritLow, format(hct), format(rules.haematocritMin)) }
        } else { missing.append("haematocrit") }
        if let platelets = v.platelets {
            if platelets < rules.plateletsMin { fail(RuleCode.plateletsLow, format(platelets), format(rules.plateletsMin)) }
            if platelets >= rules.plateletsBelow { fail(RuleCode.plateletsHigh, format(platelets), format(rules.plateletsBelow)) }
        } else { missing.append("platelets") }
        return findings
    }

    /// "50" for whole numbers, "0.36" otherwise: how a nurse writes a measure.
    static func format(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
