import DonorCore
import Foundation
import KioskStore
import SyncWire

/// `kiosk-bench bootstrap`: a new kiosk's first sync against a centre that already holds the
/// city (registrations, donations, deferrals), beside a raw SQLite bulk load of the same rows.
enum BootstrapScenario: BenchScenario {
    static let name = "bootstrap"
    static let summary = "a new kiosk's bootstrap from the centre's snapshot vs a raw SQLite bulk load of the same rows"
    static let usage = "[--donors N (1000000)] [--donations-per-donor X (3)] [--seed S (1)] [--page N (1000)] [--rtt-ms N (0)] [--prefetch on|off (on)] [--keep DIR]"

    /// The issue's target: 60 s for 1,000,000 donors; a smaller run is held to the same rate.
    static let targetSecondsPerMillionDonors = 60.0
    /// Donors generated and loaded per transaction, at the centre and in the baseline.
    static let chunk = 10_000

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        let donors = try arguments.int("--donors", default: 1_000_000)
        let perDonor = Double(arguments.value("--donations-per-donor") ?? "3") ?? 3
        let seed = UInt64(try arguments.int("--seed", default: 1))
        let page = try arguments.int("--page", default: 1000)
        // A link's round trip before each call reaches the centre, and whether the kiosk asks
        // for the next page while it writes the one before (what it does; off to compare).
        let roundTrip = try arguments.int("--rtt-ms", default: 0)
        let prefetch = arguments.value("--prefetch") ?? "on"
        guard prefetch == "on" || prefetch == "off" else { throw BenchError("--prefetch takes on or off") }
        let policy = try BenchPolicy.load(arguments)
        let workspace = try BenchFolder(arguments), folder = workspace.path
        defer { workspace.removeUnlessKept() }
        let loadBefore = Machine.loadAverage

        // 1. The centre, loaded directly; the same rows into the baseline, timed on its own.
        let loading = try blocking { try await BenchCentre.open(folder: folder, policy: policy) }
        let raw = try RawSQLiteBaseline(path: try StoreTemplate.copy(in: folder, as: "raw"), cacheKiB: StoreScenario.cacheKiB)
        var events = CityEvents(city: SyntheticCity(seed: seed, today: StoreScenario.day, policy: policy), donationsPerDonor: perDonor,
                                house: "registry", device: "registry-loader",
                                startMilliseconds: Int64(Date().timeIntervalSince1970 * 1000) - 86_400_000 * 7)
        let clock = ContinuousClock()
        var seeding = Duration.zero, baseline = Duration.zero
        do {
            let loader = try CentralLoader(path: loading.path, keys: loading.service.keys, city: loading.service.city)
            var done = 0
            while done < donors {
                let range = done..<min(done + chunk, donors)
                let start = clock.now
                let (batch, wire) = try events.chunk(range)
                try loader.append(wire)
                seeding += start.duration(to: clock.now)
                baseline += try clock.measure {
                    try raw.insert(batch)
                    try raw.insert(wire)
                }
                done = range.upperBound
                FileHandle.standardError.write(Data("\rcentre and baseline loaded: \(done)/\(donors) donors".utf8))
            }
            FileHandle.standardError.write(Data("\n".utf8))
        }

        // 2. The new kiosk's bootstrap: engine, driver and store, one `sync --once`.
        let opened = try blocking { try await loading.reopened(policy: policy) }
        let (summary, counts, cpu, indexes) = try blocking {
            var kiosk = try await BenchKiosk.open(folder: folder, house: "new-house", centre: opened)
            kiosk.transport.roundTripMilliseconds = roundTrip
            let cpuBefore = CPUUsage.processSeconds()
            let summary = try await kiosk.syncOnce(pageSize: page, prefetch: prefetch == "on")
            let cpu = CPUUsage.processSeconds() - cpuBefore
            let counts = try kiosk.store.counts()
            let indexes = try kiosk.store.audit(action: "sync.indexes_built").first?.detail ?? "no search index built"
            try kiosk.store.close()
            await opened.close()
            return (summary, counts, cpu, indexes)
        }
        guard summary.pulled == events.eventsMade, counts.donors == donors, counts.donations == events.donationsKept else {
            throw BenchError("the bootstrap is incomplete: \(summary.pulled) of \(events.eventsMade) events, \(counts.donors) donors, \(counts.donations) donations")
        }

        let target = targetSecondsPerMillionDonors * Double(donors) / 1_000_000
        var report = BenchReport(scenario: name, parameters: [
            "donors": "\(donors)", "donations": "\(events.donationsKept)", "events": "\(events.eventsMade)", "seed": "\(seed)",
            "page": "\(page)", "policy": policy.reference, "transport": "in-process (CentralService called directly, no HTTP)",
            "rtt_ms": "\(roundTrip)", "prefetch": prefetch])
        report.figures = [
            .init(name: "bootstrap time (snapshot pages → store)", value: summary.seconds, unit: "s",
                  baseline: "raw SQLite bulk load of the same rows", baseline_value: baseline.seconds, ratio: summary.seconds / baseline.seconds,
                  target: "< \(BenchReport.format(target)) s (60 s per 1,000,000 donors)", met: summary.seconds < target),
            .init(name: "bootstrap events/s", value: Double(summary.pulled) / summary.seconds, unit: "events/s",
                  baseline: "raw SQLite", baseline_value: Double(events.eventsMade) / baseline.seconds,
                  ratio: baseline.seconds / summary.seconds),
            .init(name: "bootstrap donors/s", value: Double(donors) / summary.seconds, unit: "donors/s"),
            .init(name: "CPU time of the process during the bootstrap", value: cpu, unit: "s"),
        ]
        report.notes = [
            "The centre (SQLite) held \(events.eventsMade) events: \(donors) registrations, \(events.donationsKept) donations, the rest deferrals; loaded directly into its events table in \(String(format: "%.1f", seeding.seconds)) s (generation, sealing and insert; not measured against anything).",
            "The kiosk pulled \(summary.pulled) events in \(summary.pages) snapshot pages of at most \(page), each applied in one transaction with its position (`sync --once`: SyncRunner, SyncEngine, SyncDriver, KioskStore), calling CentralService in-process: no HTTP, no JSON over a socket\(roundTrip > 0 ? ", each call delayed \(roundTrip) ms as by a link's round trip" : ""); the next page \(prefetch == "on" ? "asked for while the one before is written (as the kiosk does)" : "asked for only after the one before is written (--prefetch off)").",
            "Inside the bootstrap, the last page (from the kiosk's audit trail): \(indexes).",
            "Raw baseline: SQLite C API into a copy of the store's empty schema, WAL, synchronous=FULL, cache_size=\(StoreScenario.cacheKiB / 1024) MB, one transaction per \(chunk) donors: the donors, donations and deferrals rows plus one events row per event (plain JSON payload); no HMAC, no AES-GCM, no JSON decoding.",
            "Load average (1, 5, 15 min) at the start: \(loadBefore); at the end: \(Machine.loadAverage) (on \(report.machine.cores) cores).",
        ]
        return report
    }
}

/// The policy file the sync scenarios read (`--policy`, else the shipped Taiyuan policy).
enum BenchPolicy {
    static func load(_ arguments: BenchArguments) throws -> Policy {
        let path = arguments.value("--policy") ?? AssetLocator.find().map { "\($0)/policy/taiyuan.toml" } ?? "assets/policy/taiyuan.toml"
        do { return try PolicyLoader.load(path: path) } catch { throw BenchError(error.description) }
    }
}

/// A copy of an empty store's database file, for the raw baselines (same schema as the store).
enum StoreTemplate {
    /// Makes `folder/template` once and returns the path of a fresh copy named `name`.
    static func copy(in folder: String, as name: String) throws -> String {
        let template = "\(folder)/template"
        let file = "\(template)/\(KioskStore.databaseFileName)"
        do {
            if !FileManager.default.fileExists(atPath: file) {
                let empty = try KioskStore.open(directory: template, keyFile: "\(template)/kiosk.key", deviceName: "bench-template")
                try empty.close()
            }
            let target = "\(folder)/\(name)/raw.sqlite"
            try FileManager.default.createDirectory(atPath: "\(folder)/\(name)", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: file, toPath: target)
            return target
        } catch let error as StoreError {
            throw BenchError("cannot make the empty store: \(error)")
        }
    }
}
