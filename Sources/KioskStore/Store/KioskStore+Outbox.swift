import GRDB

extension KioskStore {
    /// The oldest events not yet accepted by the central server, oldest first, decrypted for
    /// sending (the link is TLS; the server needs the values).
    public func pendingOutbox(limit: Int = 100) throws(StoreError) -> [EventEnvelope] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.* FROM outbox o JOIN events e ON e.row = o.event
                WHERE o.state = 'pending' ORDER BY o.event LIMIT ?
                """, arguments: [limit]).map(envelope(from:))
        }
    }

    /// How many events wait to be sent.
    public func pendingOutboxCount() throws(StoreError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE state = 'pending'") ?? 0 }
    }

    /// Marks events as accepted by the server; they stay in the log, only leave the queue.
    public func markSent(_ ids: [EventID]) throws(StoreError) {
        try write { db in
            for id in ids {
                try db.cachedStatement(sql: """
                    UPDATE outbox SET state = 'sent', attempts = attempts + 1, updated_ms = ?
                    WHERE event = (SELECT row FROM events WHERE id = ?)
                    """).execute(arguments: [clock.now(), id.rawValue])
            }
        }
    }

    /// Marks an event the server refused; it is kept and shown, never dropped or resent blindly.
    public func markRejected(_ id: EventID, reason: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                UPDATE outbox SET state = 'rejected', attempts = attempts + 1, last_error = ?, updated_ms = ?
                WHERE event = (SELECT row FROM events WHERE id = ?)
                """, arguments: [reason, clock.now(), id.rawValue])
        }
    }

    /// Events the server refused, with its reason, for the supervisor's screen.
    public func rejectedOutbox() throws(StoreError) -> [(event: EventEnvelope, reason: String)] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, o.last_error FROM outbox o JOIN events e ON e.row = o.event
                WHERE o.state = 'rejected' ORDER BY o.event
                """).map { (try envelope(from: $0), ($0["last_error"] as String?) ?? "") }
        }
    }

    /// The sync cursor (the server's position in its stream of changes for this kiosk).
    public func syncCursor() throws(StoreError) -> String? {
        try read { db in try SyncState.get("sync_cursor", in: db) }
    }

    /// Saves the sync cursor after a batch of server changes has been applied.
    public func setSyncCursor(_ cursor: String) throws(StoreError) {
        try write { db in try SyncState.set("sync_cursor", cursor, in: db) }
    }
}
