import Foundation
import PostgresNIO
import SyncWire

/// Events, quarantine, donors, flags and certificates on PostgreSQL.
extension PostgresStore {
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
            payload: try StoreCoding.payload(try r["payload"].decode(String.self)))
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
