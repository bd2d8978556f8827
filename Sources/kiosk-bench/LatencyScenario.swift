import DonorCore
import Foundation
import KioskStore
import KioskSync
import SyncWire

/// `kiosk-bench latency`: two houses syncing continuously (each a `SyncRunner` that long-polls
/// the centre when caught up); a donation recorded at house A, and the time until house B's
/// store shows it. Beside it, the same donation carried by one `sync --once` at A and one at B.
enum LatencyScenario: BenchScenario {
    static let name = "latency"
    static let summary = "time from a donation at house A to its visibility at house B, both syncing continuously (long-poll)"
    static let usage = "[--donations N (50)] [--long-poll S (30)] [--gap-ms N (500)] [--timeout S (60)] [--keep DIR]"

    /// The target for a donation to reach another house while both are online.
    static let targetSeconds = 2.0
    /// How often house B's store is looked at while waiting.
    static let pollInterval = Duration.milliseconds(2)

    struct Settings: Sendable {
        var donations: Int
        var longPoll: Int
        var gap: Duration
        var timeout: Duration
    }

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        let settings = Settings(donations: try arguments.int("--donations", default: 50),
                                longPoll: try arguments.int("--long-poll", default: SyncSettings().longPollSeconds),
                                gap: .milliseconds(try arguments.int("--gap-ms", default: 500)),
                                timeout: .seconds(try arguments.int("--timeout", default: 60)))
        let policy = try BenchPolicy.load(arguments)
        let workspace = try BenchFolder(arguments), folder = workspace.path
        defer { workspace.removeUnlessKept() }
        let loadBefore = Machine.loadAverage
        let city = SyntheticCity(seed: 13, today: StoreScenario.day, policy: policy)

        let (online, once) = try blocking {
            let centre = try await BenchCentre.open(folder: folder, policy: policy)
            let a = try await BenchKiosk.open(folder: folder, house: "house-a", centre: centre)
            let b = try await BenchKiosk.open(folder: folder, house: "house-b", centre: centre)
            // Donors both houses know: registered at A, carried to B before the clock starts.
            var donors: [DonorID] = []
            for index in 0..<(2 * settings.donations) {
                var person = city.donor(at: index)
                person.history = []
                person.deferrals = []
                donors.append(try a.store.registerDonor(person, author: "nurse-1"))
            }
            _ = try await a.syncOnce()
            _ = try await b.syncOnce()
            let online = try await continuous(a, b, donors: Array(donors.prefix(settings.donations)), settings)
            let once = try await syncOnce(a, b, donors: Array(donors.suffix(settings.donations)), settings)
            for store in [a.store, b.store] { try store.close() }
            await centre.close()
            return (online, once)
        }

        var report = BenchReport(scenario: name, parameters: [
            "donations": "\(settings.donations)", "long_poll_s": "\(settings.longPoll)", "gap_ms": "\(Int(settings.gap.milliseconds))",
            "policy": policy.reference, "transport": "in-process (CentralService called directly, no HTTP)"])
        let p50 = online.percentile(50) / 1000, p99 = online.percentile(99) / 1000, max = online.percentile(100) / 1000
        let base50 = once.percentile(50) / 1000, base99 = once.percentile(99) / 1000
        report.figures = [
            .init(name: "A → B, both online, p50", value: p50, unit: "s", baseline: "sync --once at A then at B",
                  baseline_value: base50, ratio: p50 / base50),
            .init(name: "A → B, both online, p99", value: p99, unit: "s", baseline: "sync --once at A then at B",
                  baseline_value: base99, ratio: p99 / base99, target: "< \(BenchReport.format(targetSeconds)) s", met: p99 < targetSeconds),
            .init(name: "A → B, both online, slowest", value: max, unit: "s"),
        ]
        report.notes = [
            "Two SyncRunners in continuous mode (long-poll \(settings.longPoll) s) against one centre on SQLite, called in-process (no HTTP). Per donation: house A's store records it, the runner is told (`outboxChanged()`), and house B's store is read every \(Int(pollInterval.milliseconds)) ms until the donation is in the donor's history. \(settings.donations) donations, \(Int(settings.gap.milliseconds)) ms apart.",
            "Baseline: the same, with the runners stopped: record at A, `sync --once` at A (push), `sync --once` at B (pull), one after the other.",
            "Load average (1, 5, 15 min) at the start: \(loadBefore); at the end: \(Machine.loadAverage) (on \(report.machine.cores) cores).",
        ]
        return report
    }

    /// Both runners started; each donation timed from its recording at A to its sight at B.
    static func continuous(_ a: BenchKiosk, _ b: BenchKiosk, donors: [DonorID], _ settings: Settings) async throws -> Latencies {
        let runnerA = a.runner(longPollSeconds: settings.longPoll), runnerB = b.runner(longPollSeconds: settings.longPoll)
        await runnerA.start()
        await runnerB.start()
        // Let both finish their first round and settle into the long-poll.
        try await Task.sleep(for: .seconds(1))
        var latencies = Latencies()
        do {
            for (index, donor) in donors.enumerated() {
                let start = ContinuousClock.now
                let donation = try a.store.recordDonation(for: donor, facts(), author: "nurse-1")
                await runnerA.outboxChanged()
                try await waitUntil(b, shows: donation.id, of: donor, since: start, settings)
                latencies.record(start.duration(to: .now))
                FileHandle.standardError.write(Data("\rdonation \(index + 1)/\(donors.count)".utf8))
                try await Task.sleep(for: settings.gap)
            }
            FileHandle.standardError.write(Data("\n".utf8))
        } catch {
            await runnerA.stop()
            await runnerB.stop()
            throw error
        }
        await runnerA.stop()
        await runnerB.stop()
        return latencies
    }

    /// The runners stopped: record at A, one `sync --once` at A, one at B.
    static func syncOnce(_ a: BenchKiosk, _ b: BenchKiosk, donors: [DonorID], _ settings: Settings) async throws -> Latencies {
        var latencies = Latencies()
        for donor in donors {
            let start = ContinuousClock.now
            let donation = try a.store.recordDonation(for: donor, facts(), author: "nurse-1")
            _ = try await a.syncOnce()
            _ = try await b.syncOnce()
            try await waitUntil(b, shows: donation.id, of: donor, since: start, settings)
            latencies.record(start.duration(to: .now))
        }
        return latencies
    }

    static func facts() -> DonationFacts {
        DonationFacts(date: CatchUpScenario.donationDates[0], kind: .wholeBlood, volumeML: 400)
    }

    static func waitUntil(_ b: BenchKiosk, shows donation: String, of donor: DonorID, since start: ContinuousClock.Instant,
                          _ settings: Settings) async throws {
        while try !b.store.history(of: donor).contains(where: { $0.id == donation }) {
            guard start.duration(to: .now) < settings.timeout else {
                throw BenchError("house B did not see the donation within \(settings.timeout) (raise --timeout)")
            }
            try await Task.sleep(for: pollInterval)
        }
    }
}
