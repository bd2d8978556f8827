/// The stable codes of eligibility rules. Screens, the audit trail and policy files
/// (`[overrides] rules`) refer to rules by these codes, so they never change meaning.
public enum RuleCode {
    public static let ageBelowMin = "age.below_min"
    public static let ageAboveMax = "age.above_max"
    public static let weightBelowMin = "weight.below_min"
    public static let haemoglobinBelowMin = "haemoglobin.below_min"
    public static let systolicLow = "blood_pressure.systolic_low"
    public static let systolicHigh = "blood_pressure.systolic_high"
    public static let diastolicLow = "blood_pressure.diastolic_low"
    public static let diastolicHigh = "blood_pressure.diastolic_high"
    public static let pulsePressureLow = "blood_pressure.pulse_pressure_low"
    public static let pulseLow = "pulse.low"
    public static let pulseHigh = "pulse.high"
    public static let pulseIrregular = "pulse.irregular"
    public static let temperatureHigh = "temperature.high"
    public static let haematocritLow = "labs.haematocrit_low"
    public static let plateletsLow = "labs.platelets_low"
    public static let plateletsHigh = "labs.platelets_high"
    public static let yearlyLimit = "apheresis.yearly_limit"
    public static let temporaryDeferral = "deferral.temporary"
    public static let permanentDeferral = "deferral.permanent"
    public static let questionnaireDeferral = "questionnaire.deferral"
    public static let procedureNotOffered = "procedure.not_offered"

    /// The interval rule between a previous donation and an intended procedure.
    public static func interval(after: Procedure, before: Procedure) -> String {
        "interval.\(after.rawValue).\(before.rawValue)"
    }

    /// Every code a policy may list as overridable. Permanent deferrals are deliberately not
    /// here: no one at a house may override the lab.
    public static var overridable: Set<String> {
        var codes: Set<String> = [
            ageAboveMax, weightBelowMin, haemoglobinBelowMin, systolicLow, systolicHigh,
            diastolicLow, diastolicHigh, pulsePressureLow, pulseLow, pulseHigh, pulseIrregular,
            temperatureHigh, haematocritLow, plateletsLow, plateletsHigh, yearlyLimit,
            temporaryDeferral, questionnaireDeferral,
        ]
        for a in Procedure.allCases {
            for b in Procedure.allCases { codes.insert(interval(after: a, before: b)) }
        }
        return codes
    }
}
