@testable import DonorCore

/// Shared builders for the domain-core tests: dates, donations, donors, vitals and inputs.
enum Fixture {
    /// A date from `YYYY-MM-DD`; the literals in tests are known to exist.
    static func date(_ iso: String) -> LocalDate {
        guard let date = LocalDate(iso: iso) else { preconditionFailure("test date \(iso) does not exist") }
        return date
    }

    static func wholeBlood(
        _ iso: String, ml: Int = 400, outcome: DonationOutcome = .complete, region: String? = nil,
        reaction: AdverseReaction? = nil, id: String? = nil
    ) -> Donation {
        Donation(id: id ?? "wb-\(iso)", date: date(iso), kind: .wholeBlood, volumeML: ml, outcome: outcome,
                 region: region, reaction: reaction)
    }

    static func platelets(
        _ iso: String, doses: Int = 1, outcome: DonationOutcome = .complete, region: String? = nil, id: String? = nil
    ) -> Donation {
        Donation(id: id ?? "plt-\(iso)", date: date(iso), kind: .platelets, doses: doses, outcome: outcome, region: region)
    }

    static func stemCell(_ iso: String) -> Donation {
        Donation(id: "sc-\(iso)", date: date(iso), kind: .stemCell)
    }

    /// Whole blood donations on consecutive days from `start` adding exactly `counts` (whole
    /// counts: 400 ml donations and one 200 ml for an odd count), all in the city unless `region`.
    static func history(counts: Int, from start: String = "2025-03-01", region: String? = nil) -> [Donation] {
        var result: [Donation] = []
        var day = date(start)
        var left = counts
        while left > 0 {
            let ml = left >= 2 ? 400 : 200
            result.append(Donation(id: "h-\(day.iso)", date: day, kind: .wholeBlood, volumeML: ml, region: region))
            left -= ml / 200
            day = day.adding(days: 1)
        }
        return result
    }

    /// A man of 36 on the dates the tests use.
    static let donor = DonorProfile(sex: .male, birthDate: date("1990-05-15"))

    /// Measurements that pass every Taiyuan line for either sex and any procedure.
    static let healthy = Vitals(
        weightKg: 60, systolic: 120, diastolic: 80, pulse: 72, pulseRegular: true,
        temperatureCelsius: 36.6, haemoglobin: 140, haematocrit: 0.42, platelets: 250)

    static func input(
        _ procedure: Procedure, on iso: String, history: [Donation] = [], deferrals: [Deferral] = [],
        answers: QuestionnaireAnswers? = nil, vitals: Vitals = healthy, donor: DonorProfile = donor,
        overrides: [RuleOverride] = []
    ) -> EligibilityInput {
        EligibilityInput(donor: donor, history: history, deferrals: deferrals, answers: answers, vitals: vitals,
                         procedure: procedure, date: date(iso), overrides: overrides)
    }

    static func decide(_ input: EligibilityInput, policy: Policy = TestPolicies.taiyuan) -> EligibilityDecision {
        EligibilityEngine.decide(input, policy: policy)
    }
}

extension EligibilityDecision {
    /// The codes of the failing rules, in the decision's order.
    var failureCodes: [String] { failures.map(\.code) }
}
