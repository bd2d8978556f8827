import ArgumentParser
import AsyncHTTPClient
import DonorCore
import Foundation
import KioskStore
import KioskSync
import Synchronization

/// `kiosk seed`: the new kiosk takes the centre's seed file as its database (what `kiosk enroll`
/// does by itself; this is for a second try after a download was cut, which it resumes).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "种子数据 · Download the centre's seed file as this new kiosk's database.",
        discussion: """
            `kiosk enroll` does this by itself; run it again after a download was cut short (it goes on \
            from where it stopped). Only a kiosk without a database takes a seed. Exits 0 when the seed \
            is in place or the centre has none (the first sync then downloads page by page), 2 when the \
            download or its check failed (the data folder is as it was).
            """)

    @OptionGroup var options: ConfigOptions
    @Flag(name: .long, help: "Print one JSON object instead of text.") var json = false

    func run() async throws {
        try await CLIFailure.reportingAsync {
            let configuration = try options.load()
            let credential: DeviceCredential
            do { credential = try DeviceCredential.load(from: DeviceCredential.path(in: configuration)) } catch {
                throw CLIFailure("\(error) (enrol the kiosk first: kiosk enroll --server URL --token T)")
            }
            guard let base = URL(string: credential.server) else { throw CLIFailure("the credential's server address is not a URL: \(credential.server)") }
            let client: HTTPClient
            do { client = try CentreHTTP.client(trusting: configuration.serverCAFile, proxy: configuration.serverProxy) } catch { throw CLIFailure("\(error)") }
            let line = try await SeedStep.run(configuration, base: base, bearer: credential.bearer, client: client, json: json)
            print(json ? try SeedStep.jsonLine(line.fields) : line.text)
        }
    }
}

/// The seed step shared by `kiosk enroll` and `kiosk seed`: adoption, then the store opened
/// once (it makes its own device id) with the adoption in its audit trail.
enum SeedStep {
    struct Line {
        var text: String
        var fields: [String: Any]
    }

    static func run(_ configuration: KioskConfiguration, base: URL, bearer: String, client: HTTPClient, json: Bool) async throws -> Line {
        let adoption = SeedAdoption(dataDirectory: configuration.dataDirectory, keyFile: configuration.keyFile)
        let meter = DownloadMeter(enabled: !json && isatty(STDERR_FILENO) == 1)
        let outcome: SeedAdoption.Outcome
        do {
            outcome = try await adoption.run(base: base, bearer: bearer, client: client, progress: meter.show, checking: meter.checking)
        } catch {
            meter.finish()
            throw CLIFailure("the seed was not loaded: \(error.description)")
        }
        meter.finish()
        switch outcome {
        case .noSeed:
            return Line(text: "· the centre has no seed file yet; the first sync downloads the city page by page",
                        fields: ["seed": "none"])
        case .kept(let reason):
            return Line(text: "· no seed: \(reason)", fields: ["seed": "kept", "reason": reason])
        case .adopted(let manifest, let facts, let resumedFrom, let seconds):
            do {
                let store = try KioskStore.open(directory: configuration.dataDirectory, keyFile: configuration.keyFile,
                                                deviceName: configuration.houseID)
                try store.recordAudit(actor: "sync", action: "sync.seed_adopted", subject: manifest.generation,
                                      detail: "\(facts.donors) donors, \(facts.events) events, position \(facts.cursor)")
                try store.close()
            } catch {
                throw CLIFailure("the seed is in place but does not open: \(error)")
            }
            let megabytes = String(format: "%.1f", Double(manifest.download.bytes) / 1_048_576)
            let resumed = resumedFrom > 0 ? ", resumed after \(resumedFrom) bytes" : ""
            return Line(text: "✓ the city's registry is loaded from the centre's seed \(manifest.generation) (donors: \(facts.donors), events: \(facts.events); \(megabytes) MB downloaded in \(String(format: "%.1f", seconds)) s\(resumed)); the first sync starts after position \(facts.cursor)",
                        fields: ["seed": "adopted", "generation": manifest.generation, "donors": facts.donors, "events": facts.events,
                                 "cursor": facts.cursor, "bytes": manifest.bytes, "downloaded_bytes": manifest.download.bytes,
                                 "resumed_from": resumedFrom, "seconds": seconds])
        }
    }

    static func jsonLine(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// "种子文件 1.2 / 2.7 GB (44 %)" on standard error while a seed downloads, when a person watches.
final class DownloadMeter: Sendable {
    let enabled: Bool
    private let shown = Mutex<Int>(-1)

    init(enabled: Bool) { self.enabled = enabled }

    func show(_ done: Int64, _ total: Int64) {
        guard enabled, total > 0 else { return }
        let percent = Int(done * 100 / total)
        guard shown.withLock({ old in defer { old = percent }; return old != percent }) else { return }
        // GB for a city's seed, MB for a small one (a test centre, a new region).
        let (unit, scale): (String, Double) = total >= 1 << 30 ? ("GB", 1_073_741_824) : ("MB", 1_048_576)
        let amount = { (bytes: Int64) in String(format: "%.2f", Double(bytes) / scale) }
        FileHandle.standardError.write(Data("\r下载种子文件 seed download: \(amount(done)) / \(amount(total)) \(unit) (\(percent) %)".utf8))
    }

    /// The download is done; inflating and checking a city's seed takes a few seconds more.
    func checking() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n正在解压并检查种子文件 checking the seed file…".utf8))
    }

    func finish() {
        if enabled, shown.withLock({ $0 }) >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
