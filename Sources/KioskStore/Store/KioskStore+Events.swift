import Foundation
import GRDB
import SyncWire

extension KioskStore {
    /// Issues the next HLC time inside the current write transaction.
    ///
    /// The last time lives in `sync_state` and is updated in the same transaction as the event
    /// that uses it, so after a restart (or a crash) the clock resumes from the last committed
    /// event's time and never issues an earlier one, even if the wall clock was set back.
    func issueTime(in db: Database) throws -> HLCTimestamp {
        var hlc = try loadClock(in: db)
        let time = hlc.tick(now: clock.now())
        try SyncState.set("hlc", time.description, in: db)
        return time
    }

    func loadClock(in db: Database) throws -> HybridLogicalClock {
        if let text = try SyncState.get("hlc", in: db), let last = HLCTimestamp(text) {
            // Stamped with this store's device: a kiosk made from the centre's seed file keeps
            // the builder's last time (so its own edits still follow every edit it holds) but
            // issues times in its own name.
            return HybridLogicalClock(last: HLCTimestamp(milliseconds: last.milliseconds, counter: last.counter, device: deviceID))
        }
        return HybridLogicalClock(device: deviceID)
    }

    /// Appends an event to the log and the outbox, with an audit line, in the caller's write
    /// transaction. Sensitive payloads are sealed before they touch the disk.
    @discardableResult
    func append(_ payload: EventPayload, id: EventID = .make(), author: String, in db: Database) throws -> EventEnvelope {
        let envelope = EventEnvelope(id: id, hlc: try issueTime(in: db), author: author, device: deviceID, payload: payload)
        var body = try payload.encoded()
        let sealed = payload.kind.isSensitive
        if sealed { body = try cipher.seal(body) }
        try db.cachedStatement(sql: """
            INSERT INTO events (id, kind, hlc, author, device, donor, sealed, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id.rawValue, payload.kind.rawValue, envelope.hlc.description, author, deviceID,
                payload.donor?.rawValue, sealed, body,
            ])
        try db.cachedStatement(sql: "INSERT INTO outbox (event, state, updated_ms) VALUES (?, 'pending', ?)")
            .execute(arguments: [db.lastInsertedRowID, clock.now()])
        try audit(actor: author, action: payload.kind.rawValue, subject: payload.donor?.rawValue, in: db)
        if outboxObservers.withLock({ !$0.isEmpty }) {
            db.afterNextTransaction(onCommit: { _ in self.outboxObservers.withLock { $0 }.forEach { $0() } })
        }
        return envelope
    }

    /// `handler` runs after every commit that added events to the outbox (on the writer's
    /// queue: it must return at once). The kiosk's sync pushes new events on it instead of
    /// waiting for its long-poll to end.
    public func onOutboxAppend(_ handler: @escaping @Sendable () -> Void) {
        outboxObservers.withLock { $0.append(handler) }
    }

    /// Decodes an `events` row (unsealing it when needed).
    func envelope(from row: Row) throws -> EventEnvelope {
        guard let kind = EventKind(rawValue: row["kind"]) else {
            throw StoreError(.database, "an event has an unknown kind", field: "events.kind")
        }
        guard let hlc = HLCTimestamp(row["hlc"] as String) else {
            throw StoreError(.database, "an event has a malformed time", field: "events.hlc")
        }
        var body: Data = row["payload"]
        if row["sealed"] as Bool { body = try cipher.open(body, field: "events.payload") }
        return EventEnvelope(id: EventID(row["id"]), hlc: hlc, author: row["author"], device: row["device"],
                             payload: try EventPayload.decode(kind: kind, from: body))
    }

    /// Every event about `donor`'s record in HLC order (decrypted), for the supervisor's view
    /// and for tests.
    public func events(of donor: DonorID) throws(StoreError) -> [EventEnvelope] {
        try read { db in
            // Kinds this kiosk does not know (kept from the centre's pages) are left out.
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE donor = ? ORDER BY hlc", arguments: [donor.rawValue])
                .filter { EventKind(rawValue: $0["kind"]) != nil }
                .map(envelope(from:))
        }
    }

    /// The last HLC time this device issued or observed.
    public func lastClockTime() throws(StoreError) -> HLCTimestamp {
        try read { db in try loadClock(in: db).last }
    }

    /// Takes in a time received from another device or the server, so that this kiosk's next
    /// events order after it.
    public func receive(remote: HLCTimestamp) throws(StoreError) {
        try write { db in
            var hlc = try loadClock(in: db)
            hlc.receive(remote, now: clock.now())
            try SyncState.set("hlc", hlc.last.description, in: db)
        }
    }
}
