import ArgumentParser
import DonorCore
import KioskStore

/// `kiosk donor`: one donor's record in the store.
struct DonorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donor",
        abstract: "献血者 · A donor's record in the store.",
        subcommands: [DonorShowCommand.self])
}

/// `kiosk donor show ID`: the summary a volunteer reads at check-in.
struct DonorShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "献血者概况 · A donor's summary: identity (masked), history, deferrals, card, next dates.",
        discussion: "Exits 0 when the donor is found, 1 when no donor has this number, 2 when a file or value is wrong.")

    @OptionGroup var options: StoreOptions

    @Argument(help: "The donor's document number (as typed or scanned; never printed back in full).")
    var idNumber: String

    @Option(name: .long, help: ArgumentHelp("The date to evaluate on (default: today in the policy's time zone).", valueName: "YYYY-MM-DD"))
    var on: String?

    @Option(name: .customLong("as"), help: "Whose view: donor, volunteer (default), nurse or supervisor (only a supervisor sees why a donor is permanently deferred).")
    var viewer: Viewer = .volunteer

    func run() throws {
        try CLIFailure.reporting {
            let context = try options.open()
            let date = try resolveDate(on, timeZone: context.policy.timeZone)
            let donor = try context.donor(idNumber: idNumber)
            let store = context.store
            let file = try StoreContext.storeCall { () throws(StoreError) in try store.file(of: donor.id) }
            let vitals = try StoreContext.storeCall { () throws(StoreError) in try store.vitals(of: donor.id, on: date) }
            let summary = DonorSummary(file: file, vitals: vitals, on: date, viewer: viewer,
                                       policy: context.policy, text: context.text)
            if options.json { try printJSON(summary) } else { print(summary.lines(context.text).joined(separator: "\n")) }
        }
    }
}
