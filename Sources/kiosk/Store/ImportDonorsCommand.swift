import ArgumentParser
import DonorCore
import Foundation
import KioskStore

/// `kiosk import`: bringing registry exports into the store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "导入 · Import registry files.",
        subcommands: [ImportDonorsCommand.self])
}

/// `kiosk import donors FILE.csv [--donations FILE.csv]`: a city registry export, all or nothing.
struct ImportDonorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "donors",
        abstract: "导入献血者名册 · Import donors (and their donations) from registry CSV files.",
        discussion: """
            The files are checked first; any rejected row stops the import with nothing stored \
            (unless --skip-rejected), then every donor is stored in one transaction. Exits 0 when \
            every row was imported, 1 when rows were rejected, 2 on a wrong file or a store error.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "donors.csv: id_number,name,sex,birth_date,phone,blood_type (see the README).")
    var file: String

    @Option(name: .long, help: ArgumentHelp("donations.csv: id_number,date,kind,volume_ml,doses,outcome,region.", valueName: "FILE"))
    var donations: String?

    @Flag(name: .long, help: "Import the good rows even when some are rejected (still exits 1).")
    var skipRejected = false

    func run() throws {
        var rejectedRows = false
        try CLIFailure.reporting {
            let context = try options.open()
            let store = context.store
            let started = ContinuousClock.now
            let today = try resolveDate(nil, timeZone: context.policy.timeZone)
            let held = try StoreContext.storeCall { () throws(StoreError) in try store.counts() }.donors
            let files = try RegistryFiles(
                donorsPath: file, donationsPath: donations, today: today,
                progressLabel: context.strings("import.progress"),
                isStored: { number in
                    // An empty store (the usual first import) needs no lookups.
                    try held > 0 && StoreContext.storeCall { () throws(StoreError) in try store.donor(idNumber: number) } != nil
                })
            rejectedRows = !files.rejected.isEmpty
            var summary = ImportSummary(donors: 0, donations: 0, deferrals: 0)
            let proceed = files.rejected.isEmpty || skipRejected
            if proceed && !files.donors.isEmpty {
                let saving = ProgressLine(label: context.strings("import.saving"), total: files.donors.count)
                summary = try StoreContext.storeCall { () throws(StoreError) in
                    try store.importDonors(files.donors, author: "cli-import", progress: saving.update)
                }
                saving.update(summary.donors)
                saving.finish()
            }
            let report = ImportReport(file: file, donationsFile: donations, imported: proceed, summary: summary,
                                      rejected: files.rejected, seconds: started.duration(to: .now).seconds)
            if options.json { try printJSON(report) } else { print(report.lines(context.strings).joined(separator: "\n")) }
        }
        if rejectedRows { throw ExitCode.failure }
    }
}

/// The JSON shape of an import (field names documented in the README).
struct ImportReport: Encodable {
    var file: String
    var donations_file: String?
    /// Whether anything was written (false when rows were rejected without `--skip-rejected`).
    var imported: Bool
    var donors: Int
    var donations: Int
    var deferrals: Int
    var rejected: [RegistryFiles.Rejected]
    var seconds: Double

    init(file: String, donationsFile: String?, imported: Bool, summary: ImportSummary,
         rejected: [RegistryFiles.Rejected], seconds: Double) {
        self.file = file
        donations_file = donationsFile
        self.imported = imported
        donors = summary.donors
        donations = summary.donations
        deferrals = summary.deferrals
        self.rejected = rejected
        self.seconds = (seconds * 100).rounded() / 100
    }

    /// The human form: the outcome first, then every rejected row as `file:line: reason`.
    func lines(_ s: UIStrings) -> [String] {
        var lines: [String] = []
        if rejected.isEmpty {
            lines.append("✓ " + s("import.done", ["donors": "\(donors)", "donations": "\(donations)"]))
        } else if imported {
            lines.append("✗ " + s("import.partial", ["donors": "\(donors)", "donations": "\(donations)", "n": "\(rejected.count)"]))
        } else {
            lines.append("✗ " + s("import.refused", ["n": "\(rejected.count)"]))
        }
        lines += rejected.map { "  \($0.file):\($0.line): \($0.reason)" }
        return lines
    }
}
