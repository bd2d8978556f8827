import DonorCore
import Foundation
import KioskSync
import SyncWire

/// One seeded run: 2–3 kiosks and the real centre in one process, over `SimNetwork`, with
/// crashes of kiosks and of the server and skewed kiosk clocks; then the network heals and the
/// run checks that everyone derives the same. Every decision comes from the seed.
struct SimulationHarness<Factory: SimKioskFactory> {
    /// A broken invariant, with what a person needs to debug the seed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// What a finished run did, for the summary line.
    struct Outcome {
        var events = 0
        var faults = 0
        var crashes = 0
        var serverRestarts = 0
        /// Events the centre rejected or refused (they stay on their kiosk only).
        var rejected = 0
        /// Merges the centre made of one person registered at two houses.
        var merges = 0
        /// New kiosks made from a seed the centre built at the end of the run (SQLite only).
        var seeded = 0
    }

    let seed: UInt64
    let steps: Int
    let makeFactory: @Sendable (Int) -> Factory

    static var settings: SyncSettings {
        SyncSettings(pushBatchSize: 4, pageSize: 5, longPollSeconds: 30, backoffBaseSeconds: 0.5, backoffCapSeconds: 8, onceRetries: 2)
    }

    func run() async throws -> Outcome {
        var rng = SplitMix64(state: seed)
        let kiosks = rng.int(in: 2...3)
        let factory = makeFactory(kiosks)
        let central = try await SimCentral()
        do {
            let outcome = try await run(&rng, kiosks: kiosks, factory: factory, central: central)
            await central.close()
            return outcome
        } catch {
            await central.close()
            throw error
        }
    }

    private func run(_ rng: inout SplitMix64, kiosks: Int, factory: Factory, central: SimCentral) async throws -> Outcome {
        let network = SimNetwork(central: central, weather: SimWeather(&rng), seed: rng.next())
        var devices: [(house: String, device: String)] = []
        var stores: [Factory.Store] = [], drivers: [SyncDriver] = [], sleepUntil: [Double] = []
        // Kiosk clocks off by up to ±12 hours: the HLCs disagree, the outcome must not.
        let skewMS = (0..<kiosks).map { _ in Int64(rng.int(in: -12...12)) * 3_600_000 }
        for k in 0..<kiosks {
            let (house, device) = try await central.enrol(house: "h\(k)")
            await network.add((house, device))
            devices.append((house.id, device.id))
            let store = try await factory.open(k, house: house.id, device: device.id)
            stores.append(store)
            drivers.append(driver(k, store, network, &rng))
            sleepUntil.append(0)
        }
        var workload = SimWorkload(rng: SplitMix64(state: rng.next()))
        var outcome = Outcome(), now = 0.0
        let baseMS = Int64(SimCentral.now.timeIntervalSince1970 * 1000) - 86_400_000

        func reopen(_ k: Int) async throws {
            stores[k] = try await factory.open(k, house: devices[k].house, device: devices[k].device)
            drivers[k] = driver(k, stores[k], network, &rng)
            sleepUntil[k] = now
            outcome.crashes += 1
        }

        for _ in 0..<steps {
            now += 0.25
            let k = rng.below(kiosks)
            switch rng.below(100) {
            case 0..<25:
                let clock = baseMS + Int64(now * 1000) + skewMS[k]
                let event = workload.next(kiosk: k, house: devices[k].house, device: devices[k].device,
                                          held: try await factory.held(k), clockMS: clock)
                do {
                    try await factory.record(event, in: stores[k])
                    outcome.events += 1
                } catch is SimulatedCrash {
                    try await reopen(k)
                }
            case 25..<85:
                guard sleepUntil[k] <= now, !drivers[k].isOver else { continue }
                let report = await drivers[k].step(now: now)
                if case .sleep(let seconds) = report { sleepUntil[k] = now + seconds }
                if await isDead(stores[k]) { try await reopen(k) }
            case 85..<90:
                await network.deliverDelayed()
            case 90..<94:
                await network.setOffline(k, rng.chance(0.5))
            case 94..<97:
                // The kiosk's process dies: with a write in flight (lost or committed) or between steps.
                if rng.chance(0.5), factory.armCrash(k, afterCommit: rng.chance(0.5)) { continue }
                try await reopen(k)
            case 97..<98:
                try await central.restart()
            default:
                continue
            }
        }

        // The network heals; every kiosk runs until it has nothing to push and is caught up,
        // the second round brings each kiosk what the others pushed in the first.
        await network.setWeather(.calm)
        for k in 0..<kiosks { await network.setOffline(k, false) }
        await network.flush()
        for _ in 0..<2 {
            for k in 0..<kiosks {
                if await isDead(stores[k]) { try await reopen(k) }
                if drivers[k].isOver { throw Failure(description: "kiosk \(k) stopped: \(drivers[k].next)") }
                var upToDate = false
                for _ in 0..<10_000 where !upToDate {
                    let report = await drivers[k].step(now: now)
                    if case .upToDate = report, try await stores[k].pendingCount() == 0 { upToDate = true }
                    if await isDead(stores[k]) { try await reopen(k) }
                }
                guard upToDate else { throw Failure(description: "kiosk \(k) never caught up; next action \(drivers[k].next)") }
            }
        }
        outcome.faults = await network.faults
        outcome.serverRestarts = await central.restarts
        try await check(kiosks: kiosks, factory: factory, central: central, into: &outcome)
        return outcome
    }

    private func driver(_ k: Int, _ store: Factory.Store, _ network: SimNetwork, _ rng: inout SplitMix64) -> SyncDriver {
        SyncDriver(engine: SyncEngine(settings: Self.settings, mode: .continuous, seed: rng.next()),
                   store: store, transport: SimTransport(network: network, kiosk: k))
    }

    private func isDead(_ store: Factory.Store) async -> Bool {
        guard let mortal = store as? any SimMortalStore else { return false }
        return await mortal.isDead()
    }

    /// Everyone holds the same events, each once, and derives the same counts and cards.
    private func check(kiosks: Int, factory: Factory, central: SimCentral, into outcome: inout Outcome) async throws {
        let serverEvents = try await central.allEvents(city: SimCentral.policy.region).map(\.event)
        let serverIDs = serverEvents.map(\.id)
        outcome.merges = serverEvents.filter { $0.kind == EventKind.donorMerged.rawValue }.count
        guard Set(serverIDs).count == serverIDs.count else { throw Failure(description: "the centre holds an event twice") }
        let date = LocalDate(iso: "2026-11-20")!
        let serverLedger = Ledger(serverEvents, policy: SimCentral.policy, on: date)
        for k in 0..<kiosks {
            let held = try await factory.held(k)
            let rejected = try await factory.rejected(k)
            outcome.rejected += rejected.count
            let ids = held.map(\.id)
            guard Set(ids).count == ids.count else { throw Failure(description: "kiosk \(k) holds an event twice") }
            let kept = held.filter { !rejected.contains($0.id) }
            let missing = Set(serverIDs).subtracting(kept.map(\.id)), extra = Set(kept.map(\.id)).subtracting(serverIDs)
            guard missing.isEmpty, extra.isEmpty else {
                throw Failure(description: "kiosk \(k) and the centre disagree: kiosk lacks \(missing.sorted()), centre lacks \(extra.sorted())")
            }
            let regressions = try await factory.cursorRegressions(k)
            guard regressions.isEmpty else { throw Failure(description: "kiosk \(k)'s cursor moved back: \(regressions)") }
            let ledger = Ledger(kept, policy: SimCentral.policy, on: date)
            guard ledger == serverLedger else {
                throw Failure(description: "kiosk \(k) derives\n\(ledger)\nthe centre derives\n\(serverLedger)")
            }
            // The store's own projections must agree too, not only its log: a page applied to
            // the log but not to the histories would pass the check above.
            if let derived = try await factory.derivedLedger(k, policy: SimCentral.policy, on: date), derived != serverLedger {
                throw Failure(description: "kiosk \(k)'s store derives\n\(derived)\nthe centre derives\n\(serverLedger)")
            }
        }
        // A kiosk that starts now from the centre's seed file holds and derives the same as
        // one that pulled every page: the seed is the kiosk's own code's result, not a copy of rows.
        if let newcomer = try await factory.seededNewcomer(central, policy: SimCentral.policy, on: date) {
            let ids = newcomer.held.map(\.id)
            guard ids.count == Set(ids).count, Set(ids) == Set(serverIDs) else {
                throw Failure(description: "the seeded kiosk holds \(ids.count) events, the centre \(serverIDs.count): lacks \(Set(serverIDs).subtracting(ids).sorted())")
            }
            guard Ledger(newcomer.held, policy: SimCentral.policy, on: date) == serverLedger, newcomer.ledger == serverLedger else {
                throw Failure(description: "the seeded kiosk's store derives\n\(newcomer.ledger)\nthe centre derives\n\(serverLedger)")
            }
            outcome.seeded += 1
        }
    }
}
