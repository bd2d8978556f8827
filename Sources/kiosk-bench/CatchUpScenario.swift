import DonorCore
import Foundation
import KioskStore
import KioskSync
import SyncWire

/// `kiosk-bench catchup`: a house that worked offline comes back with N events in its outbox;
/// time to push them all, and for another house to pull them, beside a raw SQLite insert of
/// the same events.
enum CatchUpScenario: BenchScenario {
    static let name = "catchup"
    static let summary = "a house back online pushes its offline events and another house pulls them, vs raw SQLite inserts of the same events"
    static let usage = "[--events N (10000)] [--keep DIR]"

    /// Each offline donor: a registration and this many whole-blood donations, on these dates
    /// (months apart, so the centre's interval rules accept them all).
    static let donationDates = ["2024-01-10", "2024-08-10", "2025-03-10", "2025-10-10"].map { LocalDate(iso: $0)! }

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        let wanted = try arguments.int("--events", default: 10_000)
        let policy = try BenchPolicy.load(arguments)
        let workspace = try BenchFolder(arguments), folder = workspace.path
        defer { workspace.removeUnlessKept() }
        let loadBefore = Machine.loadAverage
        let city = SyntheticCity(seed: 11, today: StoreScenario.day, policy: policy)

        let run = try blocking {
            let centre = try await BenchCentre.open(folder: folder, policy: policy)
            let a = try await BenchKiosk.open(folder: folder, house: "house-a", centre: centre)
            let b = try await BenchKiosk.open(folder: folder, house: "house-b", centre: centre)
            _ = try await a.syncOnce()
            _ = try await b.syncOnce()
            let recording = try ContinuousClock().measure { try recordOffline(wanted, at: a.store, city: city) }
            let outbox = try await a.local.pendingEvents(limit: Int.max)
            let push = try await a.syncOnce()
            let pull = try await b.syncOnce()
            let pendingAfter = try a.store.pendingOutboxCount()
            for store in [a.store, b.store] { try store.close() }
            await centre.close()
            return (outbox: outbox, push: push, pull: pull, pendingAfter: pendingAfter, recording: recording)
        }
        let events = run.outbox.count
        guard run.push.pushed == events, run.push.rejected == 0, run.pendingAfter == 0, run.pull.pulled == events else {
            throw BenchError("catch-up incomplete: \(events) waiting, \(run.push.pushed) pushed, \(run.push.rejected) rejected, \(run.pull.pulled) pulled")
        }

        // Baseline: the same events written as plain rows in batches of a push, twice (the
        // centre's copy and the other house's), each batch one transaction.
        let batch = SyncSettings().pushBatchSize
        var raw = Duration.zero
        for copy in ["raw-centre", "raw-house"] {
            let baseline = try RawSQLiteBaseline(path: try StoreTemplate.copy(in: folder, as: copy), cacheKiB: 2_000)
            raw += try ContinuousClock().measure { for slice in run.outbox.chunked(batch) { try baseline.insert(slice) } }
        }
        let total = run.push.seconds + run.pull.seconds
        var report = BenchReport(scenario: name, parameters: [
            "events": "\(events)", "push_batch": "\(batch)", "page": "\(1000)", "policy": policy.reference,
            "transport": "in-process (CentralService called directly, no HTTP)"])
        report.figures = [
            .init(name: "catch-up: push + pull", value: total, unit: "s", baseline: "raw SQLite, the events written twice",
                  baseline_value: raw.seconds, ratio: total / raw.seconds),
            .init(name: "push (house A's outbox → centre)", value: run.push.seconds, unit: "s"),
            .init(name: "push rate", value: Double(events) / run.push.seconds, unit: "events/s"),
            .init(name: "pull (centre → house B's store)", value: run.pull.seconds, unit: "s"),
            .init(name: "pull rate", value: Double(events) / run.pull.seconds, unit: "events/s"),
        ]
        report.notes = [
            "House A recorded \(events) events offline through its store (registrations and donations, \(String(format: "%.1f", run.recording.seconds)) s, not timed against anything), then ran `sync --once`: \(run.push.pushed) accepted, outbox empty after. House B then ran `sync --once`: \(run.pull.pulled) events in \(run.pull.pages) pages.",
            "Push batches of \(batch) (the engine's default), pages of 1000; CentralService on SQLite called in-process: no HTTP.",
            "Raw baseline: the same events as plain rows (JSON payload) into copies of the store's empty schema, one transaction per \(batch), WAL, synchronous=FULL: the floor of writing them durably at the centre and at house B.",
            "Load average (1, 5, 15 min) at the start: \(loadBefore); at the end: \(Machine.loadAverage) (on \(report.machine.cores) cores).",
        ]
        return report
    }

    /// Registers donors of the city at `store` and records their donations until `count` events wait.
    static func recordOffline(_ count: Int, at store: KioskStore, city: SyntheticCity) throws {
        var made = 0, index = 0
        while made < count {
            var person = city.donor(at: index)
            index += 1
            person.history = []
            person.deferrals = []
            let donor = try store.registerDonor(person, author: "nurse-1")
            made += 1
            for date in donationDates where made < count {
                try store.recordDonation(for: donor, DonationFacts(date: date, kind: .wholeBlood, volumeML: 400), author: "nurse-1")
                made += 1
            }
        }
    }
}
