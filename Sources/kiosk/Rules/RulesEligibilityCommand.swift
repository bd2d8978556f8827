import ArgumentParser
import DonorCore

/// `kiosk rules eligibility FILE --procedure P`: the eligibility decision for a donor file.
struct RulesEligibilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligibility",
        abstract: "献血资格 · May this donor give this procedure on this date?",
        discussion: "Exits 0 when eligible, 1 when not (or when checks are missing), 2 when a file or value is wrong.")

    @OptionGroup var options: RulesOptions

    @Option(name: .long, help: "whole_blood, platelets or plasma.")
    var procedure: Procedure

    @Option(name: .customLong("as"), help: "Whose view: donor, volunteer, nurse or supervisor (only a supervisor sees why a donor is permanently deferred).")
    var viewer: Viewer = .supervisor

    func run() throws {
        var eligible = false
        try CLIFailure.reporting {
            let (policy, text, donor, date) = try options.load()
            let input = EligibilityInput(
                donor: donor.donor, history: donor.history, deferrals: donor.deferrals, answers: donor.answers,
                vitals: donor.vitals, procedure: procedure, date: date, overrides: donor.overrides)
            let decision = EligibilityEngine.decide(input, policy: policy).redacted(for: viewer)
            eligible = decision.eligible
            if options.json {
                try printJSON(EligibilityReport(decision, text: text))
            } else {
                print(EligibilityReport.lines(decision, text: text).joined(separator: "\n"))
            }
        }
        if !eligible { throw ExitCode.failure }
    }
}

extension Procedure: ExpressibleByArgument {}
extension Viewer: ExpressibleByArgument {}

/// The JSON shape of a decision (field names documented in the README).
struct EligibilityReport: Encodable {
    struct Finding: Encodable {
        var code: String
        var message_key: String
        var message: String
        var values: [String: String]
        var overridable: Bool
        var until: String?
        var override: RuleOverride?
    }

    var policy: String
    var date: String
    var procedure: String
    var status: String
    var eligible: Bool
    var failures: [Finding]
    var overridden: [Finding]
    var missing: [String]
    /// Procedure → first possible date, or null when time alone will not allow it.
    var next_possible: [String: String?]

    init(_ d: EligibilityDecision, text: DecisionText) {
        func finding(_ f: RuleFinding) -> Finding {
            Finding(code: f.code, message_key: f.messageKey, message: text.finding(f), values: f.values,
                    overridable: f.overridable, until: f.until?.iso, override: f.override)
        }
        policy = d.policy
        date = d.date.iso
        procedure = d.procedure.rawValue
        status = d.status.rawValue
        eligible = d.eligible
        failures = d.failures.map(finding)
        overridden = d.overridden.map(finding)
        missing = d.missing
        next_possible = Dictionary(uniqueKeysWithValues: Procedure.allCases.map { ($0.rawValue, d.nextPossible[$0]?.iso) })
    }

    /// The human form: the answer first, then every reason, then the dates.
    static func lines(_ d: EligibilityDecision, text: DecisionText) -> [String] {
        let mark = d.eligible ? "✓" : (d.status == .incomplete ? "…" : "✗")
        var lines = [text.strings("eligibility.header", [
            "mark": mark, "status": text.status(d), "procedure": text.procedure(d.procedure),
            "date": d.date.iso, "policy": d.policy])]
        lines += d.failures.map { "  • " + text.finding($0) }
        lines += d.overridden.map { "  ○ " + text.finding($0) }
        if !d.missing.isEmpty {
            lines.append("  … " + text.strings("eligibility.missing", ["checks": d.missing.map(text.check).joined(separator: "、")]))
        }
        lines.append(text.strings("eligibility.next_title"))
        for (procedure, when) in text.nextDates(d) {
            lines.append("  " + text.strings("eligibility.next_line", ["procedure": text.procedure(procedure), "when": when]))
        }
        return lines
    }
}
