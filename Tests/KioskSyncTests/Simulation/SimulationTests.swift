import Foundation
import SyncWire
import Testing

/// Thousands of seeded runs of kiosks and the real centre over a hostile network. A failing
/// seed prints the command that replays exactly that run.
@Suite("Kiosk sync simulation")
struct SimulationTests {
    static let environment = ProcessInfo.processInfo.environment
    /// Steps per run: enough for offline spells, crashes and back-offs to overlap.
    static let steps = environment["KIOSK_SYNC_STEPS"].flatMap(Int.init) ?? 50

    /// `KIOSK_SYNC_SEED=N` replays one run; `KIOSK_SYNC_RUNS` (`KIOSK_SYNC_SQLITE_RUNS` for the
    /// real store) and `KIOSK_SYNC_FIRST_SEED` move the range.
    static func seeds(runsVariable: String, defaultRuns: UInt64) -> [UInt64] {
        if let one = environment["KIOSK_SYNC_SEED"].flatMap(UInt64.init) { return [one] }
        let first = environment["KIOSK_SYNC_FIRST_SEED"].flatMap(UInt64.init) ?? 1
        let runs = environment[runsVariable].flatMap(UInt64.init) ?? defaultRuns
        return Array(first..<(first + runs))
    }

    @Test func everyKioskAndTheCentreEndWithTheSameEventsCountsAndCards() async throws {
        let seeds = Self.seeds(runsVariable: "KIOSK_SYNC_RUNS", defaultRuns: 2_000)
        let started = Date()
        let totals = try await Self.runAll(seeds) { kiosks in MemoryKioskFactory(kiosks: kiosks) }
        Self.summarise("kiosk sync simulation", seeds, totals, since: started)
        #expect(totals.failures == 0)
    }

    /// The same runs with every kiosk on the real `KioskStore` (a SQLite file each): a crash
    /// closes and reopens the file, the volunteers act through the store's API, and the counts
    /// and cards are read from its projections. Fewer runs: each commit is a real fsync'd
    /// SQLite transaction.
    @Test func kiosksOnTheRealStoreEndWithTheCentresEventsCountsAndCards() async throws {
        let seeds = Self.seeds(runsVariable: "KIOSK_SYNC_SQLITE_RUNS", defaultRuns: 200)
        let started = Date()
        let totals = try await Self.runAll(seeds) { kiosks in SQLiteKioskFactory(kiosks: kiosks) }
        Self.summarise("kiosk sync simulation on SQLite", seeds, totals, since: started)
        #expect(totals.failures == 0)
        #expect(totals.events > 0)
        #expect(totals.seeded == seeds.count)
    }

    static func summarise(_ title: String, _ seeds: [UInt64], _ totals: Totals, since started: Date) {
        print("\(title): \(seeds.count) runs, seeds \(seeds.first!)...\(seeds.last!), \(totals.events) events, "
              + "\(totals.faults) network faults, \(totals.crashes) kiosk crashes, \(totals.serverRestarts) server restarts, "
              + "\(totals.rejected) rejected, \(totals.merges) merges, "
              + (totals.seeded > 0 ? "\(totals.seeded) seeded newcomers matching the centre, " : "") + String(format: "%.1f s", Date().timeIntervalSince(started)))
    }

    /// The harness is generic over the kiosk's store: a factory that cannot simulate power cuts
    /// still runs, with only engine state dropped.
    @Test func theHarnessRunsOverAStoreThatCannotSimulateCrashes() async throws {
        let totals = try await Self.runAll(Array(UInt64(900_001)...900_020)) { kiosks in NoPowerCutFactory(kiosks: kiosks) }
        #expect(totals.failures == 0)
        #expect(totals.events > 0)
    }

    struct Totals {
        var events = 0, faults = 0, crashes = 0, serverRestarts = 0, rejected = 0, merges = 0, seeded = 0, failures = 0
    }

    /// Runs the seeds a few at a time (each run is sequential inside, so it replays exactly).
    static func runAll<F: SimKioskFactory>(_ seeds: [UInt64], factory: @escaping @Sendable (Int) -> F) async throws -> Totals {
        // Twice the cores: much of a run is waiting on GRDB's queues, not computing.
        let width = max(2, min(8, 2 * ProcessInfo.processInfo.activeProcessorCount))
        var totals = Totals()
        try await withThrowingTaskGroup(of: (UInt64, Result<SimulationHarness<F>.Outcome, any Error>).self) { group in
            var next = seeds.makeIterator()
            func launch() {
                guard let seed = next.next() else { return }
                group.addTask {
                    do { return (seed, .success(try await SimulationHarness(seed: seed, steps: steps, makeFactory: factory).run())) }
                    catch { return (seed, .failure(error)) }
                }
            }
            for _ in 0..<width { launch() }
            while let (seed, result) = try await group.next() {
                switch result {
                case .success(let outcome):
                    totals.events += outcome.events
                    totals.faults += outcome.faults
                    totals.crashes += outcome.crashes
                    totals.serverRestarts += outcome.serverRestarts
                    totals.rejected += outcome.rejected
                    totals.merges += outcome.merges
                    totals.seeded += outcome.seeded
                case .failure(let error):
                    totals.failures += 1
                    Issue.record("seed \(seed) failed: \(error)\nreplay: KIOSK_SYNC_SEED=\(seed) swift test --filter SimulationTests")
                }
                launch()
            }
        }
        return totals
    }
}

/// The memory model without power cuts: stands in for a store that can only be reopened.
final class NoPowerCutFactory: SimKioskFactory {
    let memory: MemoryKioskFactory
    init(kiosks: Int) { memory = MemoryKioskFactory(kiosks: kiosks) }

    func open(_ kiosk: Int, house: String, device: String) async throws -> MemorySyncStore {
        try await memory.open(kiosk, house: house, device: device)
    }
    func record(_ event: WireEvent, in store: MemorySyncStore) async throws { try await memory.record(event, in: store) }
    func held(_ kiosk: Int) async throws -> [WireEvent] { try await memory.held(kiosk) }
    func rejected(_ kiosk: Int) async throws -> Set<String> { try await memory.rejected(kiosk) }
    func cursorRegressions(_ kiosk: Int) async throws -> [String] { try await memory.cursorRegressions(kiosk) }
    func armCrash(_ kiosk: Int, afterCommit: Bool) -> Bool { false }
}
