import ArgumentParser
import Central
import CentralSeed
import Foundation
import SyncWire

/// `kiosk-central seed build|show`: the file new kiosks start from (`docs/seed-bootstrap.md`).
struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed", abstract: "Build or show the seed file new kiosks start from.",
        subcommands: [SeedBuildCommand.self, SeedShowCommand.self])
}

struct SeedBuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Bring the builder's copy of the city up to date and publish it as the new seed.",
        discussion: """
            Run it nightly (a systemd timer or cron). The first build downloads the whole city; later ones only \
            what came since. Kiosks enrolled afterwards download the seed instead of the city page by page. \
            The seed is sealed with the builder's key, which every kiosk seeded from it receives; --new-key \
            starts again from nothing with a new key (after a kiosk with a seed's key was lost, say).
            """)

    @OptionGroup var options: CentralOptions
    @Flag(name: .long, help: "Start a new builder store with a new key (a full download of the city).") var newKey = false
    @Flag(name: .long, help: "Print one JSON object instead of text.") var json = false

    func run() async throws {
        try await CLIFailure.reporting {
            try await options.withService { service, configuration in
                let shelf = SeedShelf(directory: configuration.seedsDirectory)
                let report: SeedBuilder.Report
                do { report = try await SeedBuilder.build(service: service, shelf: shelf, freshKey: newKey) } catch let failure as SeedBuilder.Failure {
                    throw CLIFailure(failure.description)
                }
                let m = report.manifest
                if json {
                    try printJSON(SeedBuildJSON(generation: m.generation, city: m.city, bytes: m.bytes, sha256: m.sha256, cursor: m.cursor,
                                                donors: m.donors, events: m.events, pulled: report.pulled,
                                                pullSeconds: report.pullSeconds, writeSeconds: report.writeSeconds,
                                                hashSeconds: report.hashSeconds, file: shelf.path(of: m.generation),
                                                gzipBytes: m.gzipBytes, gzipSeconds: report.gzipSeconds))
                } else {
                    print("✓ seed \(m.generation) for \(m.city) (donors: \(m.donors), events: \(m.events), position \(m.cursor))")
                    print("  \(shelf.path(of: m.generation)) (\(m.bytes) bytes, sha256 \(m.sha256))")
                    print("  gzip form for the download: \(m.gzipBytes ?? 0) bytes (\(shelf.gzipPath(of: m.generation)))")
                    print("  new events pulled: \(report.pulled) in \(seconds(report.pullSeconds)), wrote the file in \(seconds(report.writeSeconds)), checksum in \(seconds(report.hashSeconds)), gzip in \(seconds(report.gzipSeconds))")
                }
            }
        }
    }

    private func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
}

struct SeedShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the current seed (exit 1 when there is none).")

    @OptionGroup var options: CentralOptions
    @Flag(name: .long, help: "Print one JSON object instead of text.") var json = false

    func run() async throws {
        var none = false
        try await CLIFailure.reporting {
            let configuration = try options.load()
            let shelf = SeedShelf(directory: configuration.seedsDirectory)
            let manifest: SeedManifest?
            do { manifest = try shelf.current() } catch { throw CLIFailure("\(error)") }
            guard let m = manifest else {
                none = true
                print(json ? "{\"seed\":null}" : "no seed yet in \(shelf.directory); build one with `kiosk-central seed build`")
                return
            }
            if json {
                try printJSON(SeedBuildJSON(generation: m.generation, city: m.city, bytes: m.bytes, sha256: m.sha256, cursor: m.cursor,
                                            donors: m.donors, events: m.events, pulled: nil, pullSeconds: nil, writeSeconds: nil,
                                            hashSeconds: nil, file: shelf.path(of: m.generation), gzipBytes: m.gzipBytes, gzipSeconds: nil))
            } else {
                print("seed \(m.generation) for \(m.city) (donors: \(m.donors), events: \(m.events), position \(m.cursor)), built \(isoTime(m.builtAt) ?? "?")")
                print("  \(shelf.path(of: m.generation)) (\(m.bytes) bytes, sha256 \(m.sha256))")
            }
        }
        if none { throw ExitCode.failure }
    }
}

/// The seed commands' `--json` object (the key is never printed).
struct SeedBuildJSON: Encodable {
    var generation: String
    var city: String
    var bytes: Int64
    var sha256: String
    var cursor: String
    var donors: Int
    var events: Int
    var pulled: Int?
    var pullSeconds: Double?
    var writeSeconds: Double?
    var hashSeconds: Double?
    var file: String
    var gzipBytes: Int64?
    var gzipSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case generation, city, bytes, sha256, cursor, donors, events, pulled, file
        case pullSeconds = "pull_seconds", writeSeconds = "write_seconds", hashSeconds = "hash_seconds"
        case gzipBytes = "gzip_bytes", gzipSeconds = "gzip_seconds"
    }
}
