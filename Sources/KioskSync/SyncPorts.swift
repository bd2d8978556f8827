import SyncWire

// The two sides the sync engine talks to. The engine (pure, clock injected) decides what to do;
// a driver calls these. The kiosk's `KioskStore` and the HTTP client conform in production; the
// deterministic simulation conforms with in-process fakes over the real `CentralService`.

/// Where the sync stands in the kiosk's own store. Persisted, so a restart resumes.
public struct SyncPosition: Sendable, Hashable, Codable {
    /// The centre's sequence position after the last applied page (`/v1/changes?after=`).
    /// Nil before the first bootstrap has finished.
    public var cursor: String?
    /// While a bootstrap is under way: the snapshot's fixed end and the last applied page's cursor.
    public var snapshot: SnapshotProgress?

    public init(cursor: String? = nil, snapshot: SnapshotProgress? = nil) {
        self.cursor = cursor
        self.snapshot = snapshot
    }
}

/// A bootstrap in progress (`GET /v1/snapshot?after=&upto=`).
public struct SnapshotProgress: Sendable, Hashable, Codable {
    /// The `upto` of the first page; every later page asks for the same.
    public var upto: String
    /// The `cursor` of the last applied page.
    public var after: String
    /// Events applied so far (for the progress bar).
    public var applied: Int

    public init(upto: String, after: String, applied: Int) {
        self.upto = upto
        self.after = after
        self.applied = applied
    }
}

/// What applying a page changed that a person at the kiosk may need to know.
public struct AppliedPage: Sendable, Hashable {
    /// Events new to this kiosk (those it already held are skipped, never applied twice).
    public var appliedCount: Int
    /// Donors whose history, deferrals, card or record changed through these events.
    public var changedDonors: Set<String>

    public init(appliedCount: Int, changedDonors: Set<String>) {
        self.appliedCount = appliedCount
        self.changedDonors = changedDonors
    }
}

/// The kiosk's local store as the sync engine sees it.
public protocol SyncLocalStore: Sendable {
    /// The oldest events still waiting for the centre, oldest first, at most `limit`.
    func pendingEvents(limit: Int) async throws -> [WireEvent]
    /// How many events wait to be sent.
    func pendingCount() async throws -> Int
    /// Records the centre's answers: `accepted` and `duplicate` leave the outbox; `rejected`
    /// stays in the log, marked with the reason for the supervisor, and is not resent.
    func acknowledge(_ results: [PushResult]) async throws
    /// Applies a page of the centre's events and saves `position` in the same transaction.
    /// Applying an event the kiosk already holds changes nothing.
    func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage
    /// The position saved by the last `apply` (or the empty position).
    func position() async throws -> SyncPosition
    /// The part of applying `events` that needs no database (reading, checking, sealing),
    /// done ahead for a bootstrap's next page while the one before is written. Throws what
    /// `apply` would throw for a malformed page, before anything is written.
    func prepare(_ events: [SequencedEvent]) async throws -> PreparedPage
    /// `apply` for a page `prepare` made.
    func apply(_ page: PreparedPage, position: SyncPosition) async throws -> AppliedPage
}

/// A page of the centre's events with the work `SyncLocalStore.prepare` did on it, which only
/// the store that made it reads.
public struct PreparedPage: Sendable {
    public let events: [SequencedEvent]
    public let work: (any Sendable)?

    public init(events: [SequencedEvent], work: (any Sendable)?) {
        self.events = events
        self.work = work
    }
}

extension SyncLocalStore {
    /// A store with nothing to do ahead (the simulation's in-memory store) prepares nothing.
    public func prepare(_ events: [SequencedEvent]) async throws -> PreparedPage { PreparedPage(events: events, work: nil) }

    public func apply(_ page: PreparedPage, position: SyncPosition) async throws -> AppliedPage {
        try await apply(page.events, position: position)
    }
}

/// Why a call to the centre failed, as the engine needs to tell the cases apart.
public enum SyncTransportError: Error, Sendable, Hashable {
    /// No answer (refused, timed out, DNS, TLS): retry with back-off.
    case unreachable(String)
    /// 401/403: the credential is unknown or revoked; the kiosk must be enrolled again.
    case unauthorized(String)
    /// 429: wait at least this many seconds.
    case rateLimited(retryAfterSeconds: Int?)
    /// 4xx for the whole request: nothing was stored; do not resend the same batch unchanged.
    case refused(status: Int, code: String, message: String)
    /// 5xx or an answer that does not decode: retry with back-off.
    case server(status: Int, message: String)
}

/// The centre's sync API (`openapi.yaml`), as the engine calls it.
public protocol SyncTransport: Sendable {
    func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse
    /// `GET /v1/changes?after=&limit=&wait=`; `wait` seconds of long-poll (0 = answer now).
    func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse
    /// `GET /v1/snapshot?after=&upto=&limit=`; both nil for the first page.
    func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse
}
