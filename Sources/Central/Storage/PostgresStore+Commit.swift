import PostgresNIO
import SyncWire

/// A group's commit on PostgreSQL: few round trips, whatever the group's size. The rows every
/// group writes (events, donor rows, the houses' last sync) go in one statement, each column an
/// array bound once and spread by `unnest`; the rarer writes follow one statement each.
extension PostgresStore {
    public func commit(_ batch: WriteBatch) async throws -> [Int64] {
        let logger = self.logger
        return try await unwrappingTransactionErrors { try await self.client.withTransaction(logger: logger) { c in
            if !batch.events.isEmpty {
                // Held until COMMIT: the next writer reads max(seq) only after this one is visible,
                // and the statement below, started after the lock, reads it on a fresh snapshot.
                try await Self.run(c, "SELECT pg_advisory_xact_lock(\(Self.commitLock))", logger)
            }
            var seqs: [Int64] = []
            if let query = try Self.groupStatement(batch) {
                seqs = try await Self.rows(c, query, logger).map { try $0["seq"].decode(Int64.self) }
                // Throwing rolls the whole transaction back: all of the batch or none.
                if seqs.count != batch.events.count { throw StoreError(.conflict, "an event of the batch is stored already") }
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
            return seqs
        } }
    }

    /// Events on `max(seq) + 1…` in order (returning their sequence numbers, a stored id
    /// returning none), donor rows inserted or given their new `merged_into`, and the houses'
    /// last sync, as data-modifying CTEs of one statement; nil when the batch has none of them.
    static func groupStatement(_ batch: WriteBatch) throws -> PostgresQuery? {
        var binds = PostgresBindings()
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        func texts(_ values: [String?]) -> String { bind(TextArray(values)) }
        var parts: [String] = [], result = "SELECT NULL::bigint AS seq WHERE FALSE"
        if !batch.events.isEmpty {
            let e = batch.events.map(\.event)
            let payloads = e.map { StoreCoding.json($0.payload) }
            parts.append("""
                e AS (INSERT INTO events (seq, id, kind, house, device, author, hlc, donor_key, payload, city, received_at)
                SELECT (SELECT coalesce(max(seq), 0) FROM events) + t.n, t.id, t.kind, t.house, t.device, t.author, t.hlc, t.donor_key,
                    t.payload, t.city, \(bind(batch.receivedAt))
                FROM unnest(\(texts(e.map(\.id))), \(texts(e.map(\.kind))), \(texts(e.map(\.house))), \(texts(e.map(\.device))),
                    \(texts(e.map(\.author))), \(texts(e.map(\.hlc))), \(texts(e.map(\.donorKey))), \(texts(payloads)),
                    \(texts(batch.events.map(\.city)))) WITH ORDINALITY AS t(id, kind, house, device, author, hlc, donor_key, payload, city, n)
                ON CONFLICT (id) DO NOTHING RETURNING seq)
                """)
            result = "SELECT seq FROM e ORDER BY seq"
        }
        // One row per key in a statement (ON CONFLICT may touch a row once): the last write wins, as in sequence.
        var donors: [String: DonorRecord] = [:], order: [String] = []
        for d in batch.donors { if donors.updateValue(d, forKey: d.key) == nil { order.append(d.key) } }
        let rows = order.compactMap { donors[$0] }
        if !rows.isEmpty {
            parts.append("""
                d AS (INSERT INTO donors (key, id_hash, house, registered_hlc, registration_event, merged_into)
                SELECT * FROM unnest(\(texts(rows.map(\.key))), \(texts(rows.map(\.idHash))), \(texts(rows.map(\.house))),
                    \(texts(rows.map(\.registeredHLC))), \(texts(rows.map(\.registrationEventID))), \(texts(rows.map(\.mergedInto))))
                ON CONFLICT (key) DO UPDATE SET merged_into = excluded.merged_into)
                """)
        }
        if !batch.touchedHouses.isEmpty {
            parts.append("h AS (UPDATE houses SET last_sync_at = \(bind(batch.receivedAt)) WHERE id = ANY(\(bind(batch.touchedHouses))))")
        }
        guard !parts.isEmpty else { return nil }
        return PostgresQuery(unsafeSQL: "WITH " + parts.joined(separator: ",\n") + "\n" + result, binds: binds)
    }
}
