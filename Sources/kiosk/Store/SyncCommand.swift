import ArgumentParser
import AsyncHTTPClient
import DonorCore
import Foundation
import KioskStore
import KioskSync

/// `kiosk sync --once`: push everything waiting, pull until the centre has nothing more, print
/// what happened. The screens sync in the background by themselves; this is for the IT person,
/// for cron on a kiosk without screens, and for tests.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "同步 · Push this kiosk's events to the centre and pull the city's changes once.",
        discussion: """
            Needs `kiosk enroll` first. Exits 0 when everything waiting was sent and the kiosk is \
            up to date; 1 when the centre could not be reached or refused the credential (the \
            events stay waiting, nothing is lost); 2 when a file or value is wrong.
            """)

    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Sync once and exit (the only mode; the screens sync continuously).")
    var once = false

    func run() async throws {
        var failed = false
        try await CLIFailure.reportingAsync {
            guard once else { throw CLIFailure("say --once: `kiosk sync --once` (the screens sync by themselves)") }
            let context = try options.open()
            let store = context.store
            let credential: DeviceCredential
            do {
                credential = try DeviceCredential.load(from: DeviceCredential.path(inDataDirectory: context.configuration.dataDirectory))
            } catch {
                throw CLIFailure(String(describing: error))
            }
            let settings = SyncSettings(context.configuration.sync)
            let client: HTTPClient
            do { client = try CentreHTTP.client(trusting: context.configuration.serverCAFile, proxy: context.configuration.serverProxy) } catch { throw CLIFailure("\(error)") }
            guard let transport = HTTPSyncTransport(credential: credential, settings: settings, client: client) else {
                throw CLIFailure("the credential's server address is not a URL: \(credential.server)")
            }
            let local = try SyncFailpointStore.wrapping(EnrolledKioskStore(store: store, credential: credential),
                                                        environment: ProcessInfo.processInfo.environment)
            let runner = SyncRunner(store: local, transport: transport, settings: settings,
                                    seed: UInt64(truncatingIfNeeded: store.deviceID.hashValue))
            let outcome: Result<SyncOnceSummary, SyncOnceFailure>
            do throws(SyncOnceFailure) {
                outcome = .success(try await runner.runOnce())
            } catch {
                outcome = .failure(error)
            }
            switch outcome {
            case .success(let summary):
                try StoreContext.storeCall { () throws(StoreError) in
                    try store.recordPushSucceeded()
                    try store.recordPullSucceeded()
                }
                SyncOnceReport(ok: true, summary: summary, error: nil).print(json: options.json, context.strings)
            case .failure(let failure):
                try? store.recordSyncError(failure.problem.message)
                failed = true
                SyncOnceReport(ok: false, summary: failure.summary, error: failure.problem.message)
                    .print(json: options.json, context.strings, problem: context.strings(failure.problem.kind.stringKey.replacingOccurrences(of: "sync.problem.", with: "sync.once_problem.")))
            }
        }
        if failed { throw ExitCode.failure }
    }
}

/// What `kiosk sync --once` prints: the summary's figures, and the problem when it failed.
struct SyncOnceReport: Encodable {
    var ok: Bool
    var summary: SyncOnceSummary
    var error: String?

    /// `problem`: the failure in the house's language, for the text form (the JSON keeps the
    /// detailed English message for the log).
    func print(json: Bool, _ strings: UIStrings, problem: String? = nil) {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(self) { Swift.print(String(decoding: data, as: UTF8.self)) }
            return
        }
        let figures: [String: String] = [
            "pushed": "\(summary.pushed)", "rejected": "\(summary.rejected)", "pulled": "\(summary.pulled)",
            "pending": "\(summary.pendingAfter)", "seconds": String(format: "%.1f", summary.seconds),
        ]
        if ok {
            Swift.print("✓ " + strings("sync.once_done", figures))
        } else {
            Swift.print("✗ " + strings("sync.once_failed", figures.merging(["error": problem ?? error ?? ""]) { $1 }))
        }
    }
}
