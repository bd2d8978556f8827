import GRDB
import SyncWire

/// Where the pull from the centre stands, as the store keeps it (the sync engine's
/// `SyncPosition` maps onto it one to one).
public struct PullMark: Sendable, Hashable {
    /// The centre's sequence position after the last applied page; nil before the first
    /// bootstrap has finished.
    public var cursor: String?
    /// While a bootstrap is under way: the snapshot's fixed end.
    public var snapshotUpto: String?
    /// While a bootstrap is under way: the last applied snapshot page's cursor.
    public var snapshotAfter: String?
    /// While a bootstrap is under way: events applied so far.
    public var snapshotApplied: Int

    public init(cursor: String? = nil, snapshotUpto: String? = nil, snapshotAfter: String? = nil, snapshotApplied: Int = 0) {
        self.cursor = cursor
        self.snapshotUpto = snapshotUpto
        self.snapshotAfter = snapshotAfter
        self.snapshotApplied = snapshotApplied
    }

    /// True while a bootstrap is under way.
    public var isBootstrapping: Bool { snapshotUpto != nil }
}

/// The sync's state for the status line and `kiosk status`.
public struct SyncSummary: Sendable, Hashable {
    /// Events waiting to be sent.
    public var pending: Int
    /// Events the centre refused (kept with the reason, never resent).
    public var rejected: Int
    /// Events the centre accepted but flagged for review (e.g. an interval conflict).
    public var flagged: Int
    /// Where the pull stands.
    public var mark: PullMark
    /// Wall-clock milliseconds of the last push the centre answered, and of the last applied page.
    public var lastPushMilliseconds: Int64?
    public var lastPullMilliseconds: Int64?
    /// The last failure since the last success (a sentence for a person), and when it happened.
    public var lastError: String?
    public var lastErrorMilliseconds: Int64?
}

extension KioskStore {
    enum SyncKey {
        static let cursor = "sync_cursor"
        static let snapshotUpto = "sync_snapshot_upto"
        static let snapshotAfter = "sync_snapshot_after"
        static let snapshotApplied = "sync_snapshot_applied"
        static let lastPush = "sync_last_push_ms"
        static let lastPull = "sync_last_pull_ms"
        static let lastError = "sync_last_error"
        static let lastErrorAt = "sync_last_error_ms"
    }

    /// The pull position saved with the last applied page (or the empty one).
    public func pullMark() throws(StoreError) -> PullMark {
        try read { db in try pullMark(in: db) }
    }

    func pullMark(in db: Database) throws -> PullMark {
        PullMark(cursor: try SyncState.get(SyncKey.cursor, in: db),
                 snapshotUpto: try SyncState.get(SyncKey.snapshotUpto, in: db),
                 snapshotAfter: try SyncState.get(SyncKey.snapshotAfter, in: db),
                 snapshotApplied: Int(try SyncState.get(SyncKey.snapshotApplied, in: db) ?? "") ?? 0)
    }

    func save(_ mark: PullMark, in db: Database) throws {
        try SyncState.set(SyncKey.cursor, optional: mark.cursor, in: db)
        try SyncState.set(SyncKey.snapshotUpto, optional: mark.snapshotUpto, in: db)
        try SyncState.set(SyncKey.snapshotAfter, optional: mark.snapshotAfter, in: db)
        try SyncState.set(SyncKey.snapshotApplied, optional: mark.snapshotUpto == nil ? nil : String(mark.snapshotApplied), in: db)
    }

    /// Records that a push reached the centre (it answered), clearing the last error.
    public func recordPushSucceeded() throws(StoreError) {
        try write { db in try recordSuccess(SyncKey.lastPush, in: db) }
    }

    /// Records that a pull reached the centre, clearing the last error (`applyRemote` does it
    /// itself; this is for an empty answer, which applies nothing).
    public func recordPullSucceeded() throws(StoreError) {
        try write { db in try recordSuccess(SyncKey.lastPull, in: db) }
    }

    /// Records why the last sync attempt failed (a sentence without personal data).
    public func recordSyncError(_ message: String) throws(StoreError) {
        try write { db in
            try SyncState.set(SyncKey.lastError, message, in: db)
            try SyncState.set(SyncKey.lastErrorAt, String(clock.now()), in: db)
        }
    }

    func recordSuccess(_ key: String, in db: Database) throws {
        try SyncState.set(key, String(clock.now()), in: db)
        try SyncState.set(SyncKey.lastError, optional: nil, in: db)
        try SyncState.set(SyncKey.lastErrorAt, optional: nil, in: db)
    }

    /// The sync's state in one consistent read.
    public func syncSummary() throws(StoreError) -> SyncSummary {
        try read { db in
            func millis(_ key: String) throws -> Int64? { try SyncState.get(key, in: db).flatMap { Int64($0) } }
            return SyncSummary(
                pending: try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE state = 'pending'") ?? 0,
                rejected: try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE state = 'rejected'") ?? 0,
                flagged: try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE review_flags IS NOT NULL") ?? 0,
                mark: try pullMark(in: db),
                lastPushMilliseconds: try millis(SyncKey.lastPush), lastPullMilliseconds: try millis(SyncKey.lastPull),
                lastError: try SyncState.get(SyncKey.lastError, in: db), lastErrorMilliseconds: try millis(SyncKey.lastErrorAt))
        }
    }

    /// Records the centre's answers to a push in one transaction: `accepted` and `duplicate`
    /// leave the queue, keeping any review flags the centre raised; `rejected` stays in the log,
    /// marked with the reason, and is not resent. Counts as a successful push.
    public func acknowledgePush(_ results: [PushResult]) throws(StoreError) {
        try write { db in
            let now = clock.now()
            for result in results {
                let rejected = result.status == .rejected
                let reason: String? = rejected ? result.reason.map { "\($0.code): \($0.message)" } ?? "rejected" : nil
                // A resend answered "duplicate" carries no flags: the ones kept before stay.
                let flags: String? = rejected || result.flags.isEmpty ? nil : result.flags.joined(separator: "\n")
                try db.cachedStatement(sql: """
                    UPDATE outbox SET state = ?, attempts = attempts + 1, last_error = ?, rejection_code = ?,
                        review_flags = coalesce(?, review_flags), updated_ms = ?
                    WHERE event = (SELECT row FROM events WHERE id = ?)
                    """).execute(arguments: [rejected ? "rejected" : "sent", reason, rejected ? result.reason?.code : nil,
                                             flags, now, result.id])
            }
            try recordSuccess(SyncKey.lastPush, in: db)
        }
    }
}
