import Foundation
import KioskSync
import SyncWire

/// A fault the multi-process tests inject into `kiosk sync --once`, so the kiosk dies exactly in
/// the middle of a pull. Off unless `KIOSK_SYNC_FAILPOINT` is set.
///
/// `kill-before-apply:N`: the N-th page has arrived and the process kills itself with SIGKILL
/// before applying it: the page and its cursor must be either both saved or both not (here:
/// not), and the next run must fetch the page again.
struct SyncFailpointStore: SyncLocalStore {
    static let variable = "KIOSK_SYNC_FAILPOINT"

    let store: any SyncLocalStore
    let killBeforeApply: Int
    let pages = PageCounter()

    /// `store` itself when no failpoint is set; a `CLIFailure` for a value it does not know
    /// (a test that meant to crash must not pass without the crash).
    static func wrapping(_ store: any SyncLocalStore, environment: [String: String]) throws -> any SyncLocalStore {
        guard let value = environment[variable], !value.isEmpty else { return store }
        let parts = value.split(separator: ":")
        guard parts.count == 2, parts[0] == "kill-before-apply", let count = Int(parts[1]), count > 0 else {
            throw CLIFailure("\(variable)=\(value) is not a failpoint this kiosk knows (kill-before-apply:N)")
        }
        return SyncFailpointStore(store: store, killBeforeApply: count)
    }

    func pendingEvents(limit: Int) async throws -> [WireEvent] { try await store.pendingEvents(limit: limit) }
    func pendingCount() async throws -> Int { try await store.pendingCount() }
    func acknowledge(_ results: [PushResult]) async throws { try await store.acknowledge(results) }
    func position() async throws -> SyncPosition { try await store.position() }

    func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage {
        if await pages.next() == killBeforeApply { kill(getpid(), SIGKILL) }
        return try await store.apply(events, position: position)
    }

    actor PageCounter {
        var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }
}
