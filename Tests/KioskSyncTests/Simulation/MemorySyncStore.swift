import Foundation
import KioskSync
import SyncWire

/// What a kiosk's disk holds: only committed state. It outlives the `MemorySyncStore` opened
/// on it, so dropping the store (a crash) loses exactly what was not committed.
final class MemoryKioskDisk: @unchecked Sendable {
    struct State {
        /// Every event held, own and pulled, in the order it was committed; an id at most once.
        var log: [WireEvent] = []
        var held: Set<String> = []
        /// Own events not yet acknowledged, oldest first.
        var outbox: [String] = []
        /// Own events the centre rejected, with its reason (kept, never resent).
        var rejected: [String: String] = [:]
        var position = SyncPosition()
        /// Every cursor regression seen by `apply`, for the simulation's invariant.
        var cursorRegressions: [String] = []
    }

    private let lock = NSLock()
    private var state = State()
    /// Armed by the simulation: the next write fails as if the power went, before or after
    /// its commit (the value says which).
    private var crashAfterCommit: Bool?

    func armCrash(afterCommit: Bool) { lock.withLock { crashAfterCommit = afterCommit } }

    func read<T>(_ body: (State) -> T) -> T { lock.withLock { body(state) } }

    /// Runs `change` on a copy and commits the copy as a whole, unless a crash is armed.
    func transaction<T>(_ change: (inout State) throws -> T) throws -> T {
        try lock.withLock {
            var copy = state
            let result = try change(&copy)
            if let afterCommit = crashAfterCommit {
                crashAfterCommit = nil
                if afterCommit { state = copy }
                throw SimulatedCrash()
            }
            state = copy
            return result
        }
    }
}

/// The power went while the store was writing.
struct SimulatedCrash: Error, CustomStringConvertible {
    var description: String { "simulated crash" }
}

/// The kiosk's store as the engine sees it, over a `MemoryKioskDisk`: the model the simulation
/// checks the engine with (the real `KioskStore` conformance plugs into the same harness).
actor MemorySyncStore: SyncLocalStore, SimMortalStore {
    let disk: MemoryKioskDisk
    /// Set after a simulated crash: this instance is gone; the kiosk must reopen the disk.
    private(set) var dead = false

    init(disk: MemoryKioskDisk) { self.disk = disk }

    func isDead() -> Bool { dead }

    /// A volunteer's action: the event goes into the log and the outbox in one transaction.
    func record(_ event: WireEvent) throws {
        try alive()
        try write { state in
            guard !state.held.contains(event.id) else { return }
            state.log.append(event)
            state.held.insert(event.id)
            state.outbox.append(event.id)
        }
    }

    func pendingEvents(limit: Int) async throws -> [WireEvent] {
        try alive()
        return disk.read { state in
            let ids = Set(state.outbox.prefix(limit))
            return state.log.filter { ids.contains($0.id) }
        }
    }

    func pendingCount() async throws -> Int {
        try alive()
        return disk.read { $0.outbox.count }
    }

    func acknowledge(_ results: [PushResult]) async throws {
        try alive()
        try write { state in
            for result in results {
                state.outbox.removeAll { $0 == result.id }
                if result.status == .rejected { state.rejected[result.id] = result.reason?.code ?? "rejected" }
            }
        }
    }

    func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage {
        try alive()
        return try write { state in
            let before = state.position.cursor ?? state.position.snapshot?.after
            let after = position.cursor ?? position.snapshot?.after
            if let before, let after, let x = Int64(before), let y = Int64(after), y < x {
                state.cursorRegressions.append("\(before) → \(after)")
            }
            var page = AppliedPage(appliedCount: 0, changedDonors: [])
            for sequenced in events where !state.held.contains(sequenced.event.id) {
                state.log.append(sequenced.event)
                state.held.insert(sequenced.event.id)
                page.appliedCount += 1
                if let donor = sequenced.event.donorKey { page.changedDonors.insert(donor) }
            }
            state.position = position
            return page
        }
    }

    func position() async throws -> SyncPosition {
        try alive()
        return disk.read { $0.position }
    }

    private func alive() throws {
        if dead { throw SimulatedCrash() }
    }

    private func write<T>(_ change: (inout MemoryKioskDisk.State) throws -> T) throws -> T {
        do {
            return try disk.transaction(change)
        } catch let crash as SimulatedCrash {
            dead = true
            throw crash
        }
    }
}
