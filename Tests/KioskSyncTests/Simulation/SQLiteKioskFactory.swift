import CentralSeed
import DonorCore
import Foundation
import KioskStore
@testable import KioskSync
import Synchronization
import SyncWire

/// Each simulated kiosk on the real `KioskStore`: a SQLite file in a temporary folder, opened
/// the way the kiosk opens it. A crash closes the file and opens it again, so what survives is
/// what SQLite committed, not what a model of the store thinks it committed.
///
/// The workload's events are performed through the store's public API (`registerDonor`,
/// `recordDonation`, `voidDonation`, `activateCard`), so the store makes its own ids and
/// HLC times; only the intent of each workload event is kept.
final class SQLiteKioskFactory: SimKioskFactory {
    let folder: URL
    /// The instance each kiosk runs on now; a crash replaces it.
    private let current: Mutex<[SQLiteSimStore?]>
    /// Cursor regressions seen by `apply`, kept outside the store so they outlive its crashes.
    private let regressions: [Regressions]
    /// Each kiosk's wall clock, set from the workload's skewed clock before each action.
    private let clocks: [SettableClock]

    init(kiosks: Int) {
        // RAM-backed when the machine has it, as for the centre: every commit fsyncs.
        let shm = URL(fileURLWithPath: "/dev/shm")
        let root = FileManager.default.fileExists(atPath: shm.path) ? shm : FileManager.default.temporaryDirectory
        folder = root.appendingPathComponent("kiosk-sync-sim-kiosks-\(UUID().uuidString)")
        current = Mutex(Array(repeating: nil, count: kiosks))
        regressions = (0..<kiosks).map { _ in Regressions() }
        clocks = (0..<kiosks).map { _ in SettableClock() }
    }

    deinit {
        // Closed before the files go, so no connection checkpoints into a deleted WAL.
        for store in current.withLock({ $0 }) { try? store?.enrolled.store.close() }
        try? FileManager.default.removeItem(at: folder)
    }

    func open(_ kiosk: Int, house: String, device: String) async throws -> SQLiteSimStore {
        // The old process is gone: its connection goes with it before the file is opened again.
        if let old = current.withLock({ $0[kiosk] }) { await old.kill() }
        let directory = folder.appendingPathComponent("kiosk-\(kiosk)").path
        let clock = clocks[kiosk]
        let store = try KioskStore.open(directory: directory + "/data", keyFile: directory + "/kiosk.key", deviceName: house,
                                        clock: WallClock { clock.now })
        let credential = DeviceCredential(server: "sim", house: house, deviceID: device, bearer: "sim")
        let sim = SQLiteSimStore(EnrolledKioskStore(store: store, credential: credential), clock: clock,
                                 regressions: regressions[kiosk])
        current.withLock { $0[kiosk] = sim }
        return sim
    }

    func record(_ event: WireEvent, in store: SQLiteSimStore) async throws {
        try await store.perform(event)
    }

    func held(_ kiosk: Int) async throws -> [WireEvent] { try await store(kiosk).held() }

    func rejected(_ kiosk: Int) async throws -> Set<String> { try await store(kiosk).rejected() }

    func cursorRegressions(_ kiosk: Int) async throws -> [String] { regressions[kiosk].list.withLock { $0 } }

    func armCrash(_ kiosk: Int, afterCommit: Bool) -> Bool {
        guard let store = current.withLock({ $0[kiosk] }) else { return false }
        store.arm(afterCommit: afterCommit)
        return true
    }

    func derivedLedger(_ kiosk: Int, policy: Policy, on date: LocalDate) async throws -> Ledger? {
        try await store(kiosk).derivedLedger(policy: policy, on: date)
    }

    func seededNewcomer(_ central: SimCentral, policy: Policy, on date: LocalDate) async throws -> (held: [WireEvent], ledger: Ledger)? {
        let manifest = try await SeedBuilder.build(service: await central.service, shelf: central.seeds, now: SimCentral.now).manifest
        let directory = folder.appendingPathComponent("seeded-newcomer").path
        let adoption = SeedAdoption(dataDirectory: directory + "/data", keyFile: directory + "/kiosk.key")
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: central.seeds.downloadPath(of: manifest), toPath: adoption.partPath)
        try adoption.install(manifest)
        let clock = SettableClock()
        let store = try KioskStore.open(directory: directory + "/data", keyFile: directory + "/kiosk.key", deviceName: "newcomer",
                                        clock: WallClock { clock.now })
        let sim = SQLiteSimStore(EnrolledKioskStore(store: store, credential: DeviceCredential(server: "sim", house: "newcomer", deviceID: "newcomer", bearer: "sim")),
                                 clock: clock, regressions: Regressions())
        let result = (held: try await sim.held(), ledger: try await sim.derivedLedger(policy: policy, on: date))
        await sim.kill()
        return result
    }

    private func store(_ kiosk: Int) throws -> SQLiteSimStore {
        guard let store = current.withLock({ $0[kiosk] }) else { throw SimulatedCrash() }
        return store
    }
}

/// The cursor regressions one kiosk's stores saw.
final class Regressions: Sendable {
    let list = Mutex<[String]>([])
}

/// One opened instance of a kiosk's SQLite store, as the engine sees it (`EnrolledKioskStore`,
/// so events leave under the enrolled device id), which the simulation can kill.
///
/// A power cut is a write that never reaches the file (the transaction is not run) or one
/// that committed but whose caller never heard back (run, then the process dies); every store
/// write is one SQLite transaction, so there is no in-between to model.
actor SQLiteSimStore: SyncLocalStore, SimMortalStore {
    let enrolled: EnrolledKioskStore
    let clock: SettableClock
    let regressions: Regressions
    private var dead = false
    /// Armed by the simulation: the next write is a power cut, after its commit or before.
    private let armed = Mutex<Bool?>(nil)

    init(_ enrolled: EnrolledKioskStore, clock: SettableClock, regressions: Regressions) {
        self.enrolled = enrolled
        self.clock = clock
        self.regressions = regressions
    }

    var kiosk: KioskStore { enrolled.store }

    nonisolated func arm(afterCommit: Bool) { armed.withLock { $0 = afterCommit } }

    func isDead() -> Bool { dead }

    /// The process dies: the connection is closed, nothing more is written through it.
    func kill() {
        guard !dead else { return }
        dead = true
        try? kiosk.close()
    }

    // MARK: SyncLocalStore

    func pendingEvents(limit: Int) async throws -> [WireEvent] {
        try alive()
        return try await enrolled.pendingEvents(limit: limit)
    }

    func pendingCount() async throws -> Int {
        try alive()
        return try await enrolled.pendingCount()
    }

    func acknowledge(_ results: [PushResult]) async throws {
        try await write { try await enrolled.acknowledge(results) }
    }

    func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage {
        try await write {
            let before = try await enrolled.position()
            let page = try await enrolled.apply(events, position: position)
            let from = before.cursor ?? before.snapshot?.after, to = position.cursor ?? position.snapshot?.after
            if let from, let to, let x = Int64(from), let y = Int64(to), y < x {
                regressions.list.withLock { $0.append("\(from) → \(to)") }
            }
            return page
        }
    }

    func position() async throws -> SyncPosition {
        try alive()
        return try await enrolled.position()
    }

    // MARK: The volunteers' side

    /// Does what the workload's event says through the store's API, at the kiosk's (skewed) time.
    func perform(_ event: WireEvent) async throws {
        if let time = HLC(event.hlc) { clock.set(time.milliseconds) }
        try await write { try Self.perform(event, on: kiosk) }
    }

    static func perform(_ event: WireEvent, on store: KioskStore) throws {
        let author = event.author
        switch EventKind(rawValue: event.kind) {
        case .donorRegistered:
            let p = try WireCoding.decode(DonorRegisteredPayload.self, from: event.payload)
            try store.registerDonor(RegistryDonor(idNumber: p.idNumber, name: p.name, sex: p.sex, birthDate: p.birthDate), author: author)
        case .donationRecorded:
            let p = try WireCoding.decode(DonationRecordedPayload.self, from: event.payload)
            try store.recordDonation(for: DonorID(event.donorKey ?? p.donor ?? ""), p.facts, author: author)
        case .donationVoided:
            let p = try WireCoding.decode(DonationVoidedPayload.self, from: event.payload)
            try store.voidDonation(p.donation, reason: p.reason, author: author)
        case .cardActivated:
            let p = try WireCoding.decode(CardActivatedPayload.self, from: event.payload)
            try store.activateCard(for: DonorID(event.donorKey ?? p.donor ?? ""), card: p.card, date: p.date,
                                   validThrough: p.validThrough, tier: p.tier, policy: SimCentral.policy.region, author: author)
        default:
            throw SimulationHarness<SQLiteKioskFactory>.Failure(description: "the workload made an event the sim cannot perform: \(event.kind)")
        }
    }

    // MARK: What the simulation checks

    /// Every event in the log, found through the donors it is about (the store has no public
    /// whole-log read; every simulated event names a donor), in HLC order. Own events carry the
    /// enrolled device id, as they went out.
    func held() throws -> [WireEvent] {
        try alive()
        var events: [EventEnvelope] = []
        for root in try roots() { events += try cluster(of: root.id) }
        let house = kiosk.deviceName, own = kiosk.deviceID, device = enrolled.deviceID
        return try events.sorted { $0.hlc < $1.hlc }.map { envelope in
            var wire = try envelope.wire(house: house)
            if wire.device == own { wire.device = device }
            return wire
        }
    }

    func rejected() throws -> Set<String> {
        try alive()
        return Set(try kiosk.rejectedOutbox().map(\.event.id.rawValue))
    }

    /// Per person, what the store's projections hold: `history(of:)` (merged records
    /// included, voids marked) read through the same DonorCore rules the centre's ledger uses,
    /// and `activations(of:)`. Own events the centre rejected are left out, as the centre never
    /// took them.
    func derivedLedger(policy: Policy, on date: LocalDate) throws -> Ledger {
        try alive()
        let rejected = try rejected()
        var ledger = Ledger([], policy: policy, on: date)
        for root in try roots() {
            var person = Ledger.Person()
            let history = try kiosk.history(of: root.id).filter { !rejected.contains($0.id) }
            person.donations = Set(history.map(\.id))
            person.voided = Set(history.filter(\.voided).map(\.id))
            if !history.isEmpty {
                person.counts = CountCalculator.total(history.filter { !$0.voided }, policy: policy)
                let status = CardStatus(history: history, on: date, policy: policy)
                person.card = status.effective
                person.tier = status.tier?.id
            }
            let logged = try cluster(of: root.id).filter { $0.kind == .cardActivated }.map(\.id.rawValue)
            let projected = try kiosk.activations(of: root.id)
            guard projected.count == logged.count else {
                throw SimulationHarness<SQLiteKioskFactory>.Failure(
                    description: "\(root.id): \(logged.count) card.activated events but \(projected.count) activations in the projection")
            }
            person.activations = Set(logged).subtracting(rejected)
            ledger.people[root.id.rawValue] = person
        }
        return ledger
    }

    /// The donors no record was merged into: every simulated donor is named `献血者N`.
    private func roots() throws -> [StoredDonor] {
        try kiosk.search(namePrefix: "献血者", limit: 100_000)
    }

    /// The events of `root` and of every record merged into it (a merge event is logged under
    /// its target, and names the merged record as its source).
    private func cluster(of root: DonorID) throws -> [EventEnvelope] {
        var events: [EventEnvelope] = [], keys = [root.rawValue], seen: Set<String> = []
        while let key = keys.popLast() {
            guard seen.insert(key).inserted else { continue }
            for event in try kiosk.events(of: DonorID(key)) {
                events.append(event)
                if case .donorMerged(let p) = event.payload, p.target == key { keys.append(p.source) }
            }
        }
        return events
    }

    // MARK: Power cuts

    private func alive() throws {
        if dead { throw SimulatedCrash() }
    }

    private func write<T>(_ body: () async throws -> T) async throws -> T {
        try alive()
        guard let afterCommit = armed.withLock({ value in defer { value = nil }; return value }) else { return try await body() }
        // Committed or not, the caller never hears back: the process is gone.
        if afterCommit { _ = try? await body() }
        kill()
        throw SimulatedCrash()
    }
}
