import KioskSync
import SyncWire

/// The kiosk side of the simulation, so the same harness runs over the in-memory model and,
/// later, over the real `KioskStore` (whose conformance is built in another branch).
protocol SimKioskFactory: Sendable {
    associatedtype Store: SyncLocalStore
    /// Opens kiosk `kiosk`'s store as last committed (empty the first time). Called again after
    /// a crash: whatever the old instance had not committed is gone.
    func open(_ kiosk: Int) async throws -> Store
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
}

/// The in-memory model: one `MemoryKioskDisk` per kiosk.
final class MemoryKioskFactory: SimKioskFactory {
    let disks: [MemoryKioskDisk]

    init(kiosks: Int) { disks = (0..<kiosks).map { _ in MemoryKioskDisk() } }

    func open(_ kiosk: Int) async throws -> MemorySyncStore { MemorySyncStore(disk: disks[kiosk]) }
    func record(_ event: WireEvent, in store: MemorySyncStore) async throws { try await store.record(event) }
    func held(_ kiosk: Int) async throws -> [WireEvent] { disks[kiosk].read(\.log) }
    func rejected(_ kiosk: Int) async throws -> Set<String> { Set(disks[kiosk].read(\.rejected).keys) }
    func cursorRegressions(_ kiosk: Int) async throws -> [String] { disks[kiosk].read(\.cursorRegressions) }

    func armCrash(_ kiosk: Int, afterCommit: Bool) -> Bool {
        disks[kiosk].armCrash(afterCommit: afterCommit)
        return true
    }
}
