import ArgumentParser
import DonorCore
import KioskStore

/// `kiosk eligibility ID --procedure P`: the decision for a donor in the store.
struct EligibilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eligibility",
        abstract: "献血资格 · May this donor in the store give this procedure on this date?",
        discussion: """
            Reads the donor's history and deferrals from the store, with the questionnaire \
            answers and vitals saved on that date, if any. Exits 0 when eligible, 1 when not (or \
            checks are missing, or no donor has this number), 2 when a file or value is wrong.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "The donor's document number (as typed or scanned; never printed back).")
    var idNumber: String

    @Option(name: .long, help: "whole_blood, platelets or plasma.")
    var procedure: Procedure

    @Option(name: .long, help: ArgumentHelp("The date to evaluate on (default: today in the policy's time zone).", valueName: "YYYY-MM-DD"))
    var on: String?

    @Option(name: .customLong("as"), help: "Whose view: donor, volunteer (default), nurse or supervisor (only a supervisor sees why a donor is permanently deferred).")
    var viewer: Viewer = .volunteer

    func run() throws {
        var eligible = false
        try CLIFailure.reporting {
            let context = try options.open()
            let date = try resolveDate(on, timeZone: context.policy.timeZone)
            let donor = try context.donor(idNumber: idNumber)
            let store = context.store
            let file = try StoreContext.storeCall { () throws(StoreError) in try store.file(of: donor.id) }
            let vitals = try StoreContext.storeCall { () throws(StoreError) in try store.vitals(of: donor.id, on: date) }
            // eligibilityInput keeps the saved answers only when they were given on `date`.
            let input = file.eligibilityInput(procedure: procedure, date: date, vitals: vitals ?? Vitals())
            let decision = EligibilityEngine.decide(input, policy: context.policy).redacted(for: viewer)
            eligible = decision.eligible
            if options.json {
                try printJSON(EligibilityReport(decision, text: context.text))
            } else {
                print(EligibilityReport.lines(decision, text: context.text).joined(separator: "\n"))
            }
        }
        if !eligible { throw ExitCode.failure }
    }
}
