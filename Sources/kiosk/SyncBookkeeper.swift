import Foundation
import KioskStore
import KioskSync

/// Writes the background sync's successes and errors into the store as they happen, so that
/// `kiosk status` (another process) sees what the running screens' sync did.
actor SyncBookkeeper {
    let store: KioskStore
    private var lastPush: Date?
    private var lastPull: Date?
    private var lastError: String?
    /// Donors changed by pulled pages and not yet shown to the screens.
    private var changed: Set<String> = []

    init(store: KioskStore) { self.store = store }

    func add(changed donors: Set<String>) { changed.formUnion(donors) }

    /// The donors changed since the last call, once each.
    func takeChanged() -> Set<String> {
        defer { changed = [] }
        return changed
    }

    /// Records what changed since the last status it saw.
    func note(_ status: KioskSync.SyncStatus) {
        if let push = status.lastPush, push != lastPush {
            lastPush = push
            try? store.recordPushSucceeded()
        }
        if let pull = status.lastPull, pull != lastPull {
            lastPull = pull
            try? store.recordPullSucceeded()
        }
        if let error = status.lastError, error != lastError, !status.online {
            try? store.recordSyncError(error)
        }
        lastError = status.lastError
    }
}
