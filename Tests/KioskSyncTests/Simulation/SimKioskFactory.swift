import DonorCore
import KioskSync
import SyncWire

/// The kiosk side of the simulation, so the same harness runs over the in-memory model and
/// over the real `KioskStore` on SQLite files (`SQLiteKioskFactory`).
protocol SimKioskFactory: Sendable {
    associatedtype Store: SyncLocalStore
    /// Opens kiosk `kiosk`'s store as last committed (empty the first time). Called again after
    /// a crash: whatever the old instance had not committed is gone. `device` is the id the
    /// centre enrolled it under, which its events must go out with.
    func open(_ kiosk: Int, house: String, device: String) async throws -> Store
    /// A volunteer's action: log the event and queue it for the centre, in one transaction.
    func record(_ event: WireEvent, in store: Store) async throws
    /// Every event the kiosk holds (own and pulled), in commit order, rejected ones included.
    func held(_ kiosk: Int) async throws -> [WireEvent]
    /// Own events the centre rejected.
    func rejected(_ kiosk: Int) async throws -> Set<String>
    /// Cursor regressions the store saw (an empty list when it cannot tell).
    func cursorRegressions(_ kiosk: Int) async throws -> [String]
    /// Makes the kiosk's next write fail as a power cut would (before or after its commit);
    /// false when the store cannot simulate it (then only the engine's state is dropped).
    func armCrash(_ kiosk: Int, afterCommit: Bool) -> Bool
    /// What the kiosk's own projections (histories, activations) derive, its rejected events
    /// left out; nil when the store has no projections beyond its event log.
    func derivedLedger(_ kiosk: Int, policy: Policy, on date: LocalDate) async throws -> Ledger?
    /// A new kiosk made from a seed the centre builds now (`SeedBuilder`, then `SeedAdoption`):
    /// the events it holds and what its projections derive; nil when the store has no seed files.
    func seededNewcomer(_ central: SimCentral, policy: Policy, on date: LocalDate) async throws -> (held: [WireEvent], ledger: Ledger)?
}

/// A store instance the simulation can kill: once dead, the kiosk must reopen its file.
protocol SimMortalStore: Sendable {
    func isDead() async -> Bool
}

extension SimKioskFactory {
    func derivedLedger(_ kiosk: Int, policy: Policy, on date: LocalDate) async throws -> Ledger? { nil }
    func seededNewcomer(_ central: SimCentral, policy: Policy, on date: LocalDate) async throws -> (held: [WireEvent], ledger: Ledger)? { nil }
}

/// The in-memory model: one `MemoryKioskDisk` per kiosk.
final class MemoryKioskFactory: SimKioskFactory {
    let disks: [MemoryKioskDisk]

    init(kiosks: Int) { disks = (0..<kiosks).map { _ in MemoryKioskDisk() } }

    func open(_ kiosk: Int, house: String, device: String) async throws -> MemorySyncStore { MemorySyncStore(disk: disks[kiosk]) }
    func record(_ event: WireEvent, in store: MemorySyncStore) async throws { try await store.record(event) }
    func held(_ kiosk: Int) async throws -> [WireEvent] { disks[kiosk].read(\.log) }
    func rejected(_ kiosk: Int) async throws -> Set<String> { Set(disks[kiosk].read(\.rejected).keys) }
    func cursorRegressions(_ kiosk: Int) async throws -> [String] { disks[kiosk].read(\.cursorRegressions) }

    func armCrash(_ kiosk: Int, afterCommit: Bool) -> Bool {
        disks[kiosk].armCrash(afterCommit: afterCommit)
        return true
    }
}
