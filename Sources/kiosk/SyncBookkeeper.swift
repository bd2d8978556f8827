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

    init(store: KioskStore) { self.store = store }

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
