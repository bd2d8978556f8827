import ArgumentParser
import DonorCore
import Foundation
import KioskStore

/// `kiosk backup FILE` and `kiosk backup --verify FILE`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "备份 · Back up the store while it runs, or verify a backup.",
        discussion: """
            The backup is SQLite's online backup: a consistent copy while the kiosk keeps \
            working. It holds the same encrypted fields and needs the same key file. With \
            --verify, exits 0 when the file is intact, 1 when it is not, 2 when it is missing.
            """)

    @OptionGroup var options: StoreOptions

    @Argument(help: "The backup file (must not exist yet, unless --verify).")
    var file: String

    @Flag(name: .long, help: "Check an existing backup: integrity and counts.")
    var verify = false

    func run() throws {
        var intact = true
        try CLIFailure.reporting {
            let report: BackupFileReport
            let strings: UIStrings
            if verify {
                // Verifying needs no store, only the texts: a house can check a backup on a spare machine.
                let configuration = try options.config.load()
                do { strings = try configuration.loadStrings() } catch { throw CLIFailure(String(describing: error)) }
                guard FileManager.default.fileExists(atPath: file) else { throw CLIFailure("\(file): no such file") }
                report = BackupFileReport(file: file, action: "verify", verifying: file)
            } else {
                let context = try options.open()
                strings = context.strings
                guard !FileManager.default.fileExists(atPath: file) else {
                    throw CLIFailure("\(file): the file exists; choose a new name (a backup never overwrites)")
                }
                try StoreContext.storeCall { () throws(StoreError) in try context.store.backup(to: file) }
                report = BackupFileReport(file: file, action: "backup", verifying: file)
            }
            intact = report.intact
            if options.json { try printJSON(report) } else { print(report.lines(strings).joined(separator: "\n")) }
        }
        if !intact { throw ExitCode.failure }
    }
}

/// The JSON shape of a backup or its verification (field names documented in the README).
struct BackupFileReport: Encodable {
    var file: String
    var action: String
    var intact: Bool
    /// `PRAGMA integrity_check`'s findings (["ok"] when intact), or why the file could not be read.
    var messages: [String]
    var donors: Int?
    var donations: Int?
    var events: Int?
    var bytes: Int?

    /// Opens `path` read-only and checks it; a file SQLite cannot read at all is "not intact".
    init(file: String, action: String, verifying path: String) {
        self.file = file
        self.action = action
        bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        do {
            let report = try KioskStore.verifyBackup(at: path)
            intact = report.intact
            messages = report.messages
            donors = report.donors
            donations = report.donations
            events = report.events
        } catch {
            intact = false
            messages = [error.message]
        }
    }

    /// The human form.
    func lines(_ s: UIStrings) -> [String] {
        guard intact else {
            return ["✗ " + s("backup.damaged", ["file": file])] + messages.prefix(10).map { "  " + $0 }
        }
        let key = action == "verify" ? "backup.verified" : "backup.done"
        return ["✓ " + s(key, ["file": file, "donors": "\(donors ?? 0)", "donations": "\(donations ?? 0)", "events": "\(events ?? 0)"])]
    }
}
