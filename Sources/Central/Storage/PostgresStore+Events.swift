import Foundation
import PostgresNIO
import SyncWire

/// Events, quarantine, donors, flags and certificates on PostgreSQL.
extension PostgresStore {
    public func commit(_ batch: WriteBatch) async throws -> [Int64] {
        let logger = self.logger
        return try await unwrappingTransactionErrors { try await self.client.withTransaction(logger: logger) { c in
            var seqs: [Int64] = []
            if !batch.events.isEmpty {
                // Held until COMMIT: the next writer reads max(seq) only after this one is visible.
                try await Self.run(c, "SELECT pg_advisory_xact_lock(\(Self.commitLock))", logger)
                let last = try await Self.rows(c, "SELECT coalesce(max(seq), 0) AS s FROM events", logger).first?["s"].decode(Int64.self) ?? 0
                seqs = (1...Int64(batch.events.count)).map { last + $0 }
                let inserted = try await Self.insert(c, logger, into: "events (seq, id, kind, house, device, author, hlc, donor_key, payload, city, received_at)",
                                                     rows: Array(zip(seqs, batch.events)), suffix: "ON CONFLICT (id) DO NOTHING RETURNING seq") { row, b in
                    let (seq, (e, city)) = row
                    b.append(seq); b.append(e.id); b.append(e.kind); b.append(e.house); b.append(e.device); b.append(e.author)
                    b.append(e.hlc); b.append(e.donorKey); b.append(try StoreCoding.json(e.payload)); b.append(city); b.append(batch.receivedAt)
                }
                // Throwing rolls the whole transaction back: all of the batch or none.
                if inserted != batch.events.count { throw StoreError(.conflict, "an event of the batch is stored already") }
            }
            // One row per key in a statement (ON CONFLICT may touch a row once): the last write wins, as in sequence.
            var donors: [String: DonorRecord] = [:], order: [String] = []
            for d in batch.donors { if donors.updateValue(d, forKey: d.key) == nil { order.append(d.key) } }
            try await Self.insert(c, logger, into: "donors (key, id_hash, house, registered_hlc, registration_event, merged_into)",
                                  rows: order.compactMap { donors[$0] }, suffix: "ON CONFLICT (key) DO UPDATE SET merged_into = excluded.merged_into") { d, b in
                b.append(d.key); b.append(d.idHash); b.append(d.house); b.append(d.registeredHLC); b.append(d.registrationEventID); b.append(d.mergedInto)
            }
            for (from, into) in batch.merges {
                try await Self.run(c, "UPDATE donors SET merged_into = \(into) WHERE key = \(from) OR merged_into = \(from)", logger)
            }
            try await Self.insert(c, logger, into: "flags (kind, donor_key, event_ids, message, created_at)", rows: batch.flags) { f, b in
                b.append(f.kind); b.append(f.donorKey); b.append(try StoreCoding.json(f.eventIDs)); b.append(f.message); b.append(f.createdAt)
            }
            try await Self.insert(c, logger, into: "certificates (activation_id, donor_key, pseudonym, card, tier, valid_through, issued_at, key_id, hlc, revoked)",
                                  rows: batch.certificates) { x, b in
                b.append(x.activationID); b.append(x.donorKey); b.append(x.pseudonym); b.append(x.card); b.append(x.tier)
                b.append(x.validThrough); b.append(x.issuedAt); b.append(x.keyID); b.append(x.hlc); b.append(x.revoked)
            }
            if !batch.revokedCertificates.isEmpty {
                try await Self.run(c, "UPDATE certificates SET revoked = TRUE WHERE activation_id = ANY(\(batch.revokedCertificates))", logger)
            }
            try await Self.insert(c, logger, into: "quarantine (event_id, house, device, kind, code, message, body, received_at)",
                                  rows: batch.quarantined, suffix: "ON CONFLICT (event_id) DO NOTHING") { q, b in
                b.append(q.eventID); b.append(q.house); b.append(q.device); b.append(q.kind); b.append(q.code); b.append(q.message)
                b.append(q.body); b.append(q.receivedAt)
            }
            if !batch.touchedHouses.isEmpty {
                try await Self.run(c, "UPDATE houses SET last_sync_at = \(batch.receivedAt) WHERE id = ANY(\(batch.touchedHouses))", logger)
            }
            return seqs
        } }
    }

    /// postgres-nio wraps a failure inside a transaction; the store's callers match on the
    /// `StoreError` thrown inside, as they do with SQLite.
    func unwrappingTransactionErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PostgresTransactionError {
            if let inner = error.closureError as? StoreError { throw inner }
            throw error
        }
    }

    public func event(id: String) async throws -> StoredEvent? {
        try await rows("SELECT * FROM events WHERE id = \(id)").first.map(Self.event)
    }

    public func events(donorKeys: [String]) async throws -> [StoredEvent] {
        try await rows("SELECT * FROM events WHERE donor_key = ANY(\(donorKeys)) ORDER BY seq").map(Self.event)
    }

    public func events(kinds: [String]) async throws -> [StoredEvent] {
        try await rows("SELECT * FROM events WHERE kind = ANY(\(kinds)) ORDER BY seq").map(Self.event)
    }

    public func changes(city: String, kinds: [String], after: Int64, upTo: Int64?, limit: Int) async throws -> [StoredEvent] {
        let upper = upTo ?? Int64.max
        return try await rows("""
            SELECT * FROM events WHERE city = \(city) AND seq > \(after) AND seq <= \(upper) AND kind = ANY(\(kinds))
            ORDER BY seq LIMIT \(limit)
            """).map(Self.event)
    }

    public func lastSequence() async throws -> Int64 {
        try await rows("SELECT coalesce(max(seq), 0) AS s FROM events").first?["s"].decode(Int64.self) ?? 0
    }

    public func quarantine(_ q: QuarantinedEvent) async throws {
        try await run("""
            INSERT INTO quarantine (event_id, house, device, kind, code, message, body, received_at)
            VALUES (\(q.eventID), \(q.house), \(q.device), \(q.kind), \(q.code), \(q.message), \(q.body), \(q.receivedAt))
            ON CONFLICT (event_id) DO NOTHING
            """)
    }

    public func quarantined(eventID: String) async throws -> QuarantinedEvent? {
        try await rows("SELECT * FROM quarantine WHERE event_id = \(eventID)").first.map(Self.quarantined)
    }

    public func quarantined(limit: Int) async throws -> [QuarantinedEvent] {
        try await rows("SELECT * FROM quarantine ORDER BY received_at, event_id LIMIT \(limit)").map(Self.quarantined)
    }

    public func donor(idHash: String) async throws -> DonorRecord? {
        try await rows("SELECT * FROM donors WHERE id_hash = \(idHash) AND merged_into IS NULL").first.map(Self.donor)
    }

    public func donor(key: String) async throws -> DonorRecord? {
        try await rows("SELECT * FROM donors WHERE key = \(key)").first.map(Self.donor)
    }

    public func donorKeys(canonical key: String) async throws -> [String] {
        try await rows("SELECT key FROM donors WHERE key = \(key) OR merged_into = \(key) ORDER BY key").map { try $0["key"].decode(String.self) }
    }

    public func flags() async throws -> [ReviewFlag] { try await rows("SELECT * FROM flags ORDER BY id").map(Self.flag) }

    public func certificates(pseudonym: String) async throws -> [CertificateRecord] {
        try await rows("SELECT * FROM certificates WHERE pseudonym = \(pseudonym) ORDER BY hlc").map(Self.certificate)
    }

    public func certificates() async throws -> [CertificateRecord] {
        try await rows("SELECT * FROM certificates ORDER BY hlc").map(Self.certificate)
    }
}

/// Reading rows back into records.
extension PostgresStore {
    static func house(_ r: PostgresRandomAccessRow) throws -> House {
        House(id: try r["id"].decode(String.self), name: try r["name"].decode(String.self), city: try r["city"].decode(String.self),
              createdAt: try r["created_at"].decode(Int64.self), lastSyncAt: try r["last_sync_at"].decode(Int64?.self))
    }

    static func device(_ r: PostgresRandomAccessRow) throws -> Device {
        Device(id: try r["id"].decode(String.self), house: try r["house"].decode(String.self), name: try r["name"].decode(String.self),
               secretHash: try r["secret_hash"].decode(String.self), signingKey: try r["signing_key"].decode(String?.self),
               createdAt: try r["created_at"].decode(Int64.self), revokedAt: try r["revoked_at"].decode(Int64?.self))
    }

    static func event(_ r: PostgresRandomAccessRow) throws -> StoredEvent {
        let event = WireEvent(
            id: try r["id"].decode(String.self), kind: try r["kind"].decode(String.self), house: try r["house"].decode(String.self),
            device: try r["device"].decode(String.self), author: try r["author"].decode(String.self), hlc: try r["hlc"].decode(String.self),
            donorKey: try r["donor_key"].decode(String?.self),
            payload: try StoreCoding.value(JSONValue.self, try r["payload"].decode(String.self)))
        return StoredEvent(seq: try r["seq"].decode(Int64.self), event: event, city: try r["city"].decode(String.self),
                           receivedAt: try r["received_at"].decode(Int64.self))
    }

    static func quarantined(_ r: PostgresRandomAccessRow) throws -> QuarantinedEvent {
        QuarantinedEvent(eventID: try r["event_id"].decode(String.self), house: try r["house"].decode(String.self),
                         device: try r["device"].decode(String.self), kind: try r["kind"].decode(String.self),
                         code: try r["code"].decode(String.self), message: try r["message"].decode(String.self),
                         body: try r["body"].decode(String.self), receivedAt: try r["received_at"].decode(Int64.self))
    }

    static func donor(_ r: PostgresRandomAccessRow) throws -> DonorRecord {
        DonorRecord(key: try r["key"].decode(String.self), idHash: try r["id_hash"].decode(String.self), house: try r["house"].decode(String.self),
                    registeredHLC: try r["registered_hlc"].decode(String.self),
                    registrationEventID: try r["registration_event"].decode(String.self), mergedInto: try r["merged_into"].decode(String?.self))
    }

    static func flag(_ r: PostgresRandomAccessRow) throws -> ReviewFlag {
        ReviewFlag(id: try r["id"].decode(Int64.self), kind: try r["kind"].decode(String.self), donorKey: try r["donor_key"].decode(String.self),
                   eventIDs: try StoreCoding.value([String].self, try r["event_ids"].decode(String.self)),
                   message: try r["message"].decode(String.self), createdAt: try r["created_at"].decode(Int64.self))
    }

    static func certificate(_ r: PostgresRandomAccessRow) throws -> CertificateRecord {
        CertificateRecord(
            activationID: try r["activation_id"].decode(String.self), donorKey: try r["donor_key"].decode(String.self),
            pseudonym: try r["pseudonym"].decode(String.self), card: try r["card"].decode(String.self), tier: try r["tier"].decode(String?.self),
            validThrough: try r["valid_through"].decode(String?.self), issuedAt: try r["issued_at"].decode(String.self),
            keyID: try r["key_id"].decode(String.self), hlc: try r["hlc"].decode(String.self), revoked: try r["revoked"].decode(Bool.self))
    }
}
