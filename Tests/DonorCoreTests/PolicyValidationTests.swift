import Foundation
import Testing
@testable import DonorCore

/// A broken policy or catalogue is refused with one exact error: file, key path, line, message.
/// Each case copies taiyuan.toml in memory, breaks one thing and computes the expected line
/// from the edited text, so editing the shipped file does not break these tests.
@Suite("Policy validation")
struct PolicyValidationTests {
    static let file = "taiyuan.toml"
    static let hospitalsRef = "../catalog/taiyuan-hospitals.toml"
    static let policyText = read(TestPolicies.path("taiyuan"))

    static func read(_ path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { preconditionFailure("cannot read \(path)") }
        return text
    }

    /// The policy text with the only occurrence of `old` replaced, and the 1-based line where
    /// the replacement starts.
    static func replacing(_ old: String, with new: String, in text: String = policyText) -> (text: String, line: Int) {
        let ranges = text.ranges(of: old)
        precondition(ranges.count == 1, "'\(old)' occurs \(ranges.count) times")
        let line = text[..<ranges[0].lowerBound].filter { $0 == "\n" }.count + 1
        return (text.replacingCharacters(in: ranges[0], with: new), line)
    }

    /// The line of the only occurrence of `needle`.
    static func line(of needle: String, in text: String) -> Int { replacing(needle, with: needle, in: text).line }

    /// Parses `text`, serving the real catalogues (or `hospitals` in place of the hospital one).
    static func parseError(_ text: String, hospitals: String? = nil) -> PolicyError? {
        do {
            _ = try PolicyLoader.parse(text, file: file) { relative throws(PolicyError) in
                if relative == hospitalsRef, let hospitals { return (relative, hospitals) }
                return (relative, read("\(TestPolicies.root)/assets/policy/\(relative)"))
            }
            return nil
        } catch {
            return error
        }
    }

    @Test func theUnmodifiedTextParses() {
        #expect(Self.parseError(Self.policyText) == nil)
    }

    @Test func aMissingKeyNamesTheKeyAndItsTable() {
        let (text, _) = Self.replacing("yearly_limit = 24 ", with: "# yearly_limit removed ")
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "procedures.platelets.yearly_limit",
            line: Self.line(of: "[procedures.platelets]\n", in: text), message: "missing key"))
    }

    @Test func aNegativeIntervalIsRefused() {
        let (text, line) = Self.replacing(#"wait = { amount = 2, unit = "weeks" }      # 1 week"#,
                                          with: #"wait = { amount = -2, unit = "weeks" }      # 1 week"#)
        let error = Self.parseError(text)
        #expect(error == PolicyError(file: Self.file, key: "intervals.rule[3].wait.amount", line: line,
                                     message: "must not be negative (got -2)"))
        #expect(error?.description == "taiyuan.toml:\(line): intervals.rule[3].wait.amount: must not be negative (got -2)")
    }

    @Test func anUnknownProcedureInAnIntervalRuleIsRefused() {
        let (text, line) = Self.replacing("before = \"whole_blood\"\nwait = { amount = 4, unit = \"weeks\" }\n",
                                          with: "before = \"blood\"\nwait = { amount = 4, unit = \"weeks\" }\n")
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "intervals.rule[4].before", line: line,
            message: #"unknown value "blood" (expected one of "whole_blood", "platelets", "plasma")"#))
    }

    @Test func aSecondRuleForTheSamePairIsRefused() {
        let (text, line) = Self.replacing("after = \"plasma\"\nbefore = \"platelets\"", with: "after = \"plasma\"\nbefore = \"plasma\"")
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "intervals.rule[8].after", line: line, message: "a second rule for plasma → plasma"))
    }

    @Test func overlappingTiersAreRefused() {
        let (text, line) = Self.replacing("min_counts = 10\n", with: "min_counts = 9\n")
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "tiers[2].min_counts", line: line,
            message: #"overlaps tier "blue" (tiers must be ascending and must not overlap)"#))
    }

    @Test func aQuestionNamingAnUnknownDeferralRuleIsRefused() {
        let (text, line) = Self.replacing(#"on_yes = "cold""#, with: #"on_yes = "flu""#)
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "questionnaire.questions[5].on_yes", line: line, message: #"names no deferral rule ("flu")"#))
    }

    @Test func aPermanentDeferralCannotBeListedAsOverridable() {
        let (text, line) = Self.replacing(#"rules = ["interval.platelets.platelets", "pulse.low"]"#,
                                          with: #"rules = ["interval.platelets.platelets", "pulse.low", "deferral.permanent"]"#)
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "overrides.rules", line: line,
            message: #""deferral.permanent" is not a rule that can be overridden (a permanent deferral can never be overridden)"#))
    }

    @Test func aValueOfTheWrongTypeIsRefused() {
        let (text, line) = Self.replacing("max_years = 55", with: #"max_years = "55""#)
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "eligibility.age.max_years", line: line, message: "expected an integer, found string"))
    }

    @Test func aTOMLSyntaxErrorReportsItsLine() {
        let (text, line) = Self.replacing("diastolic_min = 60", with: "diastolic_min = = 60")
        let error = Self.parseError(text)
        #expect(error?.file == Self.file)
        #expect(error?.key == nil)
        #expect(error?.line == line)
        #expect(error?.message == "expected a value, found '='")
    }

    @Test func anUnknownFeeLevelInAHospitalCatalogueNamesTheCatalogue() {
        let catalogue = Self.read("\(TestPolicies.root)/assets/catalog/taiyuan-hospitals.toml")
        let (hospitals, line) = Self.replacing(#"annual = ["general"]"#, with: #"annual = ["general", "vip"]"#, in: catalogue)
        #expect(Self.parseError(Self.policyText, hospitals: hospitals) == PolicyError(
            file: Self.hospitalsRef, key: "hospital[5].annual", line: line,
            message: #"unknown fee level "vip" (the policy defines associate_chief, chief, general, renowned_expert)"#))
    }

    @Test func countsFinerThanATenthAreRefused() {
        let (text, line) = Self.replacing(#""300" = 1.5"#, with: #""300" = 1.25"#)
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "counts.whole_blood_ml.300", line: line, message: "counts are kept to one decimal place (got 1.25)"))
    }

    @Test func anUnknownTimeZoneIsRefused() {
        let (text, line) = Self.replacing(#"time_zone = "Asia/Shanghai""#, with: #"time_zone = "Asia/Taiyuan""#)
        #expect(Self.parseError(text) == PolicyError(
            file: Self.file, key: "policy.time_zone", line: line, message: #"unknown time zone "Asia/Taiyuan" (e.g. "Asia/Shanghai")"#))
    }

    @Test func aMissingFileIsOneErrorWithoutALine() {
        let path = "\(TestPolicies.root)/assets/policy/nowhere.toml"
        #expect(throws: PolicyError(file: path, key: nil, line: nil, message: "cannot read the file (missing or not readable)")) {
            try PolicyLoader.load(path: path)
        }
    }
}
