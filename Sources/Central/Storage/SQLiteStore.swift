import Foundation
import GRDB
import SyncWire

/// `CentralStore` on an embedded SQLite file through GRDB: the default for a single site or a
/// demo. A `DatabasePool` (WAL) lets pulls read while a push writes.
///
/// Ordering: SQLite has one writer at a time and GRDB runs every write in one serial queue, so
/// `commit` computes `max(seq) + 1` and commits before the next writer starts; a reader's
/// snapshot therefore never holds seq N + 1 without N.
public final class SQLiteStore: CentralStore {
    let pool: DatabasePool

    /// Opens (and creates) the database file; its folder is made when missing.
    public init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        pool = try DatabasePool(path: path, configuration: configuration)
    }

    public func migrate() async throws {
        try SQLiteSchema.migrator.migrate(pool)
    }

    public func close() async {
        try? pool.close()
    }

    // MARK: Houses and devices

    public func addHouse(_ house: House) async throws {
        try await pool.write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM houses WHERE id = ?", arguments: [house.id]) == true {
                throw StoreError(.conflict, "a house with id \(house.id) exists already")
            }
            try db.execute(sql: "INSERT INTO houses (id, name, city, created_at, last_sync_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [house.id, house.name, house.city, house.createdAt, house.lastSyncAt])
        }
    }

    public func houses() async throws -> [House] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM houses ORDER BY id").map(Self.house) }
    }

    public func house(id: String) async throws -> House? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM houses WHERE id = ?", arguments: [id]).map(Self.house) }
    }

    public func touchHouse(id: String, at: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE houses SET last_sync_at = ? WHERE id = ?", arguments: [at, id])
        }
    }

    public func addEnrollToken(hash: String, house: String, createdAt: Int64, expiresAt: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "INSERT INTO enroll_tokens (hash, house, created_at, expires_at) VALUES (?, ?, ?, ?)",
                           arguments: [hash, house, createdAt, expiresAt])
        }
    }

    public func consumeEnrollToken(hash: String, now: Int64) async throws -> String? {
        try await pool.write { db in
            try String.fetchOne(db, sql: """
                UPDATE enroll_tokens SET used_at = ? WHERE hash = ? AND used_at IS NULL AND expires_at > ? RETURNING house
                """, arguments: [now, hash, now])
        }
    }

    public func addDevice(_ device: Device) async throws {
        try await pool.write { db in
            try db.execute(sql: """
                INSERT INTO devices (id, house, name, secret_hash, signing_key, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [device.id, device.house, device.name, device.secretHash, device.signingKey, device.createdAt, device.revokedAt])
        }
    }

    public func device(id: String) async throws -> Device? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM devices WHERE id = ?", arguments: [id]).map(Self.device) }
    }

    public func devices() async throws -> [Device] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM devices ORDER BY house, id").map(Self.device) }
    }

    public func revokeDevice(id: String, at: Int64) async throws -> Bool {
        try await pool.write { db in
            try db.execute(sql: "UPDATE devices SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?", arguments: [at, id])
            return db.changesCount > 0
        }
    }

    // MARK: Events

    public func commit(_ batch: WriteBatch) async throws -> [Int64] {
        try await pool.write { db in
            var next = try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
            var seqs: [Int64] = []
            for (event, city) in batch.events {
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM events WHERE id = ?", arguments: [event.id]) == true {
                    // Throwing rolls back the whole transaction: all of the batch or none.
                    throw StoreError(.conflict, "event \(event.id) is stored already")
                }
                next += 1
                try db.execute(sql: """
                    INSERT INTO events (seq, id, kind, house, device, author, hlc, donor_key, payload, city, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [next, event.id, event.kind, event.house, event.device, event.author, event.hlc,
                                     event.donorKey, StoreCoding.json(event.payload), city, batch.receivedAt])
                seqs.append(next)
            }
            for donor in batch.donors {
                try db.execute(sql: """
                    INSERT INTO donors (key, id_hash, house, registered_hlc, registration_event, merged_into) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(key) DO UPDATE SET merged_into = excluded.merged_into
                    """, arguments: [donor.key, donor.idHash, donor.house, donor.registeredHLC, donor.registrationEventID, donor.mergedInto])
            }
            for (from, into) in batch.merges {
                try db.execute(sql: "UPDATE donors SET merged_into = ? WHERE key = ? OR merged_into = ?", arguments: [into, from, from])
            }
            for flag in batch.flags {
                try db.execute(sql: "INSERT INTO flags (kind, donor_key, event_ids, message, created_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [flag.kind, flag.donorKey, try StoreCoding.json(flag.eventIDs), flag.message, flag.createdAt])
            }
            for c in batch.certificates {
                try db.execute(sql: """
                    INSERT INTO certificates (activation_id, donor_key, pseudonym, card, tier, valid_through, issued_at, key_id, hlc, revoked)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [c.activationID, c.donorKey, c.pseudonym, c.card, c.tier, c.validThrough, c.issuedAt, c.keyID, c.hlc, c.revoked])
            }
            for id in batch.revokedCertificates {
                try db.execute(sql: "UPDATE certificates SET revoked = 1 WHERE activation_id = ?", arguments: [id])
            }
            for item in batch.quarantined { try Self.quarantine(item, db) }
            for house in batch.touchedHouses {
                try db.execute(sql: "UPDATE houses SET last_sync_at = ? WHERE id = ?", arguments: [batch.receivedAt, house])
            }
            return seqs
        }
    }

    public func event(id: String) async throws -> StoredEvent? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM events WHERE id = ?", arguments: [id]).map(Self.event) }
    }

    public func events(donorKeys: [String]) async throws -> [StoredEvent] {
        guard !donorKeys.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE donor_key IN (\(Self.marks(donorKeys.count))) ORDER BY seq",
                             arguments: StatementArguments(donorKeys.map { $0 as (any DatabaseValueConvertible)? })).map(Self.event)
        }
    }

    public func events(kinds: [String]) async throws -> [StoredEvent] {
        guard !kinds.isEmpty else { return [] }
        return try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE kind IN (\(Self.marks(kinds.count))) ORDER BY seq",
                             arguments: StatementArguments(kinds.map { $0 as (any DatabaseValueConvertible)? })).map(Self.event)
        }
    }

    public func changes(city: String, kinds: [String], after: Int64, upTo: Int64?, limit: Int) async throws -> [StoredEvent] {
        guard !kinds.isEmpty else { return [] }
        return try await pool.read { db in
            let values: [(any DatabaseValueConvertible)?] = [city, after, upTo ?? Int64.max] + kinds.map { $0 } + [limit]
            let arguments = StatementArguments(values)
            return try Row.fetchAll(db, sql: """
                SELECT * FROM events WHERE city = ? AND seq > ? AND seq <= ? AND kind IN (\(Self.marks(kinds.count)))
                ORDER BY seq LIMIT ?
                """, arguments: arguments).map(Self.event)
        }
    }

    public func lastSequence() async throws -> Int64 {
        try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0 }
    }

    // MARK: Quarantine, donors, flags, certificates

    public func quarantine(_ item: QuarantinedEvent) async throws {
        try await pool.write { db in try Self.quarantine(item, db) }
    }

    static func quarantine(_ item: QuarantinedEvent, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO quarantine (event_id, house, device, kind, code, message, body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(event_id) DO NOTHING
            """, arguments: [item.eventID, item.house, item.device, item.kind, item.code, item.message, item.body, item.receivedAt])
    }

    public func quarantined(eventID: String) async throws -> QuarantinedEvent? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM quarantine WHERE event_id = ?", arguments: [eventID]).map(Self.quarantined)
        }
    }

    public func quarantined(limit: Int) async throws -> [QuarantinedEvent] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM quarantine ORDER BY received_at, event_id LIMIT ?", arguments: [limit]).map(Self.quarantined)
        }
    }

    public func donor(idHash: String) async throws -> DonorRecord? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM donors WHERE id_hash = ? AND merged_into IS NULL", arguments: [idHash]).map(Self.donor)
        }
    }

    public func donor(key: String) async throws -> DonorRecord? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM donors WHERE key = ?", arguments: [key]).map(Self.donor) }
    }

    public func donorKeys(canonical key: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT key FROM donors WHERE key = ? OR merged_into = ? ORDER BY key", arguments: [key, key])
        }
    }

    public func flags() async throws -> [ReviewFlag] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM flags ORDER BY id").map(Self.flag) }
    }

    public func certificates(pseudonym: String) async throws -> [CertificateRecord] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM certificates WHERE pseudonym = ? ORDER BY hlc", arguments: [pseudonym]).map(Self.certificate)
        }
    }

    public func certificates() async throws -> [CertificateRecord] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM certificates ORDER BY hlc").map(Self.certificate) }
    }

    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}
