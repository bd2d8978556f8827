import Testing
@testable import DonorCore

/// Age and the day's measurements against the Taiyuan lines (GB 18467-2011).
@Suite("Eligibility: age and the day's checks")
struct EligibilityCheckTests {
    // MARK: Age

    @Test func seventeenTheDayBeforeTheEighteenthBirthday() {
        let donor = DonorProfile(sex: .female, birthDate: Fixture.date("2008-06-15"))
        let before = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-14", donor: donor))
        #expect(before.failures == [RuleFinding(code: RuleCode.ageBelowMin, values: ["age": "17", "min": "18"],
                                                until: Fixture.date("2026-06-15"))])
        #expect(before.nextPossible == [.wholeBlood: Fixture.date("2026-06-15"), .platelets: Fixture.date("2026-06-15"),
                                        .plasma: Fixture.date("2026-06-15")])
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-15", donor: donor)).status == .eligible)
    }

    @Test("Born on 29 February: 18 on 1 March in a common year, and nextPossible says so")
    func leapDayBirthdayTurnsEighteenOnFirstOfMarch() {
        let donor = DonorProfile(sex: .male, birthDate: Fixture.date("2008-02-29"))
        let before = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-02-28", donor: donor))
        #expect(before.failureCodes == [RuleCode.ageBelowMin])
        #expect(before.failures.first?.until == Fixture.date("2026-03-01"))
        #expect(before.nextPossible[.wholeBlood] == Fixture.date("2026-03-01"))
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-03-01", donor: donor)).status == .eligible)
    }

    struct AgeCase: Sendable, CustomTestStringConvertible {
        let label: String
        let birth: String
        let on: String
        let history: [Donation]
        let failsWithMax: String?
        var testDescription: String { label }
    }

    static let ageCases: [AgeCase] = [
        .init(label: "first-time donor aged 55", birth: "1971-06-15", on: "2026-06-14", history: [], failsWithMax: nil),
        .init(label: "first-time donor aged 56", birth: "1970-06-15", on: "2026-06-15", history: [], failsWithMax: "55"),
        .init(label: "repeat donor aged 56, no reactions", birth: "1970-06-15", on: "2026-06-15",
              history: [Fixture.wholeBlood("2025-01-10")], failsWithMax: nil),
        .init(label: "repeat donor aged 60, no reactions", birth: "1966-06-15", on: "2027-06-14",
              history: [Fixture.wholeBlood("2025-01-10")], failsWithMax: nil),
        .init(label: "repeat donor aged 61", birth: "1966-06-15", on: "2027-06-15",
              history: [Fixture.wholeBlood("2025-01-10")], failsWithMax: "60"),
        .init(label: "repeat donor aged 56 with a past reaction", birth: "1970-06-15", on: "2026-06-15",
              history: [Fixture.wholeBlood("2024-01-10"),
                        Fixture.wholeBlood("2025-01-10", reaction: AdverseReaction(category: .vasovagal, severity: .mild))],
              failsWithMax: "55"),
    ]

    @Test("The upper age line: 55, or 60 for repeat donors who never had a reaction", arguments: ageCases)
    func upperAgeLine(_ c: AgeCase) {
        let donor = DonorProfile(sex: .male, birthDate: Fixture.date(c.birth))
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: c.on, history: c.history, donor: donor))
        if let max = c.failsWithMax {
            #expect(decision.failureCodes == [RuleCode.ageAboveMax])
            #expect(decision.failures.first?.values["max"] == max)
            #expect(decision.failures.first?.until == nil)
            // Time never lifts the age limit: no next date for any procedure.
            #expect(decision.nextPossible.isEmpty)
        } else {
            #expect(decision.status == .eligible)
        }
    }

    // MARK: The day's measurements

    struct VitalsCase: Sendable, CustomTestStringConvertible {
        let label: String
        var sex: Sex = .male
        var procedure: Procedure = .wholeBlood
        let change: @Sendable (inout Vitals) -> Void
        let fails: [String]
        var testDescription: String { label }
    }

    static let vitalsCases: [VitalsCase] = [
        .init(label: "man 50 kg", change: { $0.weightKg = 50 }, fails: []),
        .init(label: "man 49.9 kg", change: { $0.weightKg = 49.9 }, fails: [RuleCode.weightBelowMin]),
        .init(label: "woman 45 kg", sex: .female, change: { $0.weightKg = 45 }, fails: []),
        .init(label: "woman 44.9 kg", sex: .female, change: { $0.weightKg = 44.9 }, fails: [RuleCode.weightBelowMin]),
        .init(label: "man Hb 120", change: { $0.haemoglobin = 120 }, fails: []),
        .init(label: "man Hb 119", change: { $0.haemoglobin = 119 }, fails: [RuleCode.haemoglobinBelowMin]),
        .init(label: "woman Hb 115", sex: .female, change: { $0.haemoglobin = 115 }, fails: []),
        .init(label: "woman Hb 114", sex: .female, change: { $0.haemoglobin = 114 }, fails: [RuleCode.haemoglobinBelowMin]),
        .init(label: "systolic 89 over 60 (pulse pressure 29 too)", change: { $0.systolic = 89; $0.diastolic = 60 },
              fails: [RuleCode.systolicLow, RuleCode.pulsePressureLow]),
        .init(label: "systolic 90, diastolic 60", change: { $0.systolic = 90; $0.diastolic = 60 }, fails: []),
        .init(label: "systolic 139", change: { $0.systolic = 139 }, fails: []),
        .init(label: "systolic 140", change: { $0.systolic = 140 }, fails: [RuleCode.systolicHigh]),
        .init(label: "diastolic 59", change: { $0.diastolic = 59 }, fails: [RuleCode.diastolicLow]),
        .init(label: "diastolic 89", change: { $0.systolic = 130; $0.diastolic = 89 }, fails: []),
        .init(label: "diastolic 90", change: { $0.systolic = 130; $0.diastolic = 90 }, fails: [RuleCode.diastolicHigh]),
        .init(label: "pulse pressure 30", change: { $0.systolic = 110; $0.diastolic = 80 }, fails: []),
        .init(label: "pulse pressure 29", change: { $0.systolic = 110; $0.diastolic = 81 }, fails: [RuleCode.pulsePressureLow]),
        .init(label: "pulse 59", change: { $0.pulse = 59 }, fails: [RuleCode.pulseLow]),
        .init(label: "pulse 60", change: { $0.pulse = 60 }, fails: []),
        .init(label: "pulse 100", change: { $0.pulse = 100 }, fails: []),
        .init(label: "pulse 101", change: { $0.pulse = 101 }, fails: [RuleCode.pulseHigh]),
        .init(label: "athlete pulse 50", change: { $0.pulse = 50; $0.athlete = true }, fails: []),
        .init(label: "athlete pulse 49", change: { $0.pulse = 49; $0.athlete = true }, fails: [RuleCode.pulseLow]),
        .init(label: "irregular pulse", change: { $0.pulseRegular = false }, fails: [RuleCode.pulseIrregular]),
        .init(label: "37.3 °C", change: { $0.temperatureCelsius = 37.3 }, fails: []),
        .init(label: "37.4 °C", change: { $0.temperatureCelsius = 37.4 }, fails: [RuleCode.temperatureHigh]),
        .init(label: "whole blood ignores apheresis labs", change: { $0.haematocrit = 0.2; $0.platelets = 100 }, fails: []),
        .init(label: "platelets, haematocrit 0.36", procedure: .platelets, change: { $0.haematocrit = 0.36 }, fails: []),
        .init(label: "platelets, haematocrit 0.35", procedure: .platelets, change: { $0.haematocrit = 0.35 }, fails: [RuleCode.haematocritLow]),
        .init(label: "platelets, count 150", procedure: .platelets, change: { $0.platelets = 150 }, fails: []),
        .init(label: "platelets, count 149", procedure: .platelets, change: { $0.platelets = 149 }, fails: [RuleCode.plateletsLow]),
        .init(label: "platelets, count 449", procedure: .platelets, change: { $0.platelets = 449 }, fails: []),
        .init(label: "platelets, count 450", procedure: .platelets, change: { $0.platelets = 450 }, fails: [RuleCode.plateletsHigh]),
        .init(label: "plasma takes no platelet labs", procedure: .plasma, change: { $0.haematocrit = 0.2 }, fails: []),
    ]

    @Test("Each measurement line: the last passing value and the first failing one", arguments: vitalsCases)
    func measurementLines(_ c: VitalsCase) {
        var vitals = Fixture.healthy
        c.change(&vitals)
        let donor = DonorProfile(sex: c.sex, birthDate: Fixture.date("1990-05-15"))
        let decision = Fixture.decide(Fixture.input(c.procedure, on: "2026-06-01", vitals: vitals, donor: donor))
        #expect(decision.failureCodes == c.fails)
        #expect(decision.status == (c.fails.isEmpty ? .eligible : .ineligible))
        #expect(decision.failures.allSatisfy { $0.until == nil })
    }

    @Test func aFailedMeasurementCarriesTheValueAndTheLine() {
        var vitals = Fixture.healthy
        vitals.weightKg = 44.5
        vitals.haematocrit = 0.355
        let decision = Fixture.decide(Fixture.input(.platelets, on: "2026-06-01", vitals: vitals))
        #expect(decision.failures.map(\.values) == [["value": "44.5", "limit": "50"], ["value": "0.355", "limit": "0.36"]])
        #expect(decision.failures.map(\.messageKey) == ["eligibility.weight.below_min", "eligibility.labs.haematocrit_low"])
    }

    @Test func missingMeasurementsMakeTheDecisionIncomplete() {
        let wholeBlood = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", vitals: Vitals()))
        #expect(wholeBlood.status == .incomplete)
        #expect(wholeBlood.missing == ["weight", "blood_pressure", "pulse", "temperature", "haemoglobin"])
        #expect(wholeBlood.nextPossible[.wholeBlood] == Fixture.date("2026-06-01"))
        var noLabs = Fixture.healthy
        noLabs.haematocrit = nil
        noLabs.platelets = nil
        let platelets = Fixture.decide(Fixture.input(.platelets, on: "2026-06-01", vitals: noLabs))
        #expect(platelets.status == .incomplete)
        #expect(platelets.missing == ["haematocrit", "platelets"])
        #expect(Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", vitals: noLabs)).status == .eligible)
    }

    @Test func aFailingRuleOutranksMissingMeasurements() {
        var vitals = Vitals()
        vitals.pulse = 120
        let decision = Fixture.decide(Fixture.input(.wholeBlood, on: "2026-06-01", vitals: vitals))
        #expect(decision.status == .ineligible)
        #expect(decision.failureCodes == [RuleCode.pulseHigh])
        #expect(decision.missing == ["weight", "blood_pressure", "temperature", "haemoglobin"])
    }
}
