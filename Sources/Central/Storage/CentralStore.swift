import SyncWire

/// The centre's storage: one protocol, two implementations (`SQLiteStore` through GRDB and
/// `PostgresStore` through postgres-nio) that pass one conformance suite. SQL stays behind it.
///
/// Ordering guarantee: `commit` assigns each event the next sequence number while holding the
/// store's single write lock until the transaction commits, so sequence numbers become visible
/// in order. A reader that sees seq N therefore already sees every seq below N, and a cursor
/// never skips a row that commits later.
public protocol CentralStore: Sendable {
    /// Creates or upgrades the schema; safe to run on every start.
    func migrate() async throws
    /// Releases connections.
    func close() async

    func addHouse(_ house: House) async throws
    func houses() async throws -> [House]
    func house(id: String) async throws -> House?
    func touchHouse(id: String, at: Int64) async throws

    /// Keeps the hash of a one-time enrolment token.
    func addEnrollToken(hash: String, house: String, createdAt: Int64, expiresAt: Int64) async throws
    /// Marks the token used and returns its house, atomically; nil when unknown, used or expired.
    func consumeEnrollToken(hash: String, now: Int64) async throws -> String?
    func addDevice(_ device: Device) async throws
    func device(id: String) async throws -> Device?
    func devices() async throws -> [Device]
    /// False when no such device exists.
    func revokeDevice(id: String, at: Int64) async throws -> Bool

    /// Writes accepted events and their effects atomically (one transaction) and returns the
    /// sequence numbers of `batch.events`, one contiguous range in order. Throws
    /// `StoreError.conflict` (and writes nothing) when any event's id is stored already.
    @discardableResult
    func commit(_ batch: WriteBatch) async throws -> [Int64]
    func event(id: String) async throws -> StoredEvent?
    /// The ids among `ids` that are stored as events.
    func storedEventIDs(among ids: [String]) async throws -> Set<String>
    /// Every event of these donor keys, in sequence order.
    func events(donorKeys: [String]) async throws -> [StoredEvent]
    /// Every event of these kinds, in sequence order.
    func events(kinds: [String]) async throws -> [StoredEvent]
    /// Events of `city` with one of `kinds`, with `after < seq <= upTo`, in order, at most `limit`.
    func changes(city: String, kinds: [String], after: Int64, upTo: Int64?, limit: Int) async throws -> [StoredEvent]
    /// The highest sequence number committed (0 when none).
    func lastSequence() async throws -> Int64

    /// Keeps a rejected event; a second copy of the same id is ignored.
    func quarantine(_ item: QuarantinedEvent) async throws
    func quarantined(eventID: String) async throws -> QuarantinedEvent?
    func quarantined(limit: Int) async throws -> [QuarantinedEvent]
    /// The quarantined copies of these event ids, in no particular order.
    func quarantined(eventIDs: [String]) async throws -> [QuarantinedEvent]

    /// The surviving (not merged) donor with this blind index.
    func donor(idHash: String) async throws -> DonorRecord?
    func donor(key: String) async throws -> DonorRecord?
    /// Every donor row (merged or not) with one of these blind indexes.
    func donors(idHashes: [String]) async throws -> [DonorRecord]
    /// The rows of these keys and of every key merged into one of them.
    func donorFamilies(keys: [String]) async throws -> [DonorRecord]
    /// `key` and every key merged into it.
    func donorKeys(canonical key: String) async throws -> [String]

    func flags() async throws -> [ReviewFlag]
    func certificates(pseudonym: String) async throws -> [CertificateRecord]
    func certificates() async throws -> [CertificateRecord]
}
