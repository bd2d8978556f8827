/// `POST /v1/events`: a batch of events from one device of one house.
public struct PushRequest: Codable, Sendable, Hashable {
    public var events: [WireEvent]
    public init(events: [WireEvent]) { self.events = events }
}

/// The centre's answer for one pushed event.
public struct PushResult: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// Stored now; it will appear in `/v1/changes`.
        case accepted
        /// Stored before (same id); nothing changed.
        case duplicate
        /// Kept in the quarantine for an operator; the reason says why.
        case rejected
    }

    public var id: String
    public var status: Status
    /// Only for `rejected`.
    public var reason: WireErrorDetail?
    /// Review flags raised while accepting it (e.g. "interval_conflict").
    public var flags: [String]

    public init(id: String, status: Status, reason: WireErrorDetail? = nil, flags: [String] = []) {
        self.id = id
        self.status = status
        self.reason = reason
        self.flags = flags
    }
}

/// `POST /v1/events` response: one result per pushed event, in the pushed order.
public struct PushResponse: Codable, Sendable, Hashable {
    public var results: [PushResult]
    public init(results: [PushResult]) { self.results = results }
}

/// One event with its place in the centre's sequence.
public struct SequencedEvent: Codable, Sendable, Hashable {
    /// The centre's sequence number: strictly increasing, no gaps among what a reader sees.
    public var seq: Int64
    public var event: WireEvent
    public init(seq: Int64, event: WireEvent) {
        self.seq = seq
        self.event = event
    }
}

/// `GET /v1/changes` and `GET /v1/snapshot` response: a page of events in sequence order.
public struct ChangesResponse: Codable, Sendable, Hashable {
    public var events: [SequencedEvent]
    /// Pass as `after` next time (the last seq of this page, or the one given when empty).
    public var cursor: String
    /// True when more events are already waiting after this page.
    public var hasMore: Bool

    public init(events: [SequencedEvent], cursor: String, hasMore: Bool) {
        self.events = events
        self.cursor = cursor
        self.hasMore = hasMore
    }

    enum CodingKeys: String, CodingKey {
        case events, cursor
        case hasMore = "has_more"
    }
}

/// `GET /v1/snapshot` response: a page of the house's view up to a fixed point, so a new kiosk
/// can load it in pages and then follow `/v1/changes` from `cursor`.
public struct SnapshotResponse: Codable, Sendable, Hashable {
    public var events: [SequencedEvent]
    /// Pass as `after` to get the next page (with the same `upto`).
    public var cursor: String
    /// The sequence the snapshot stops at; after the last page, pull `/v1/changes?after=upto`.
    public var upto: String
    public var hasMore: Bool

    public init(events: [SequencedEvent], cursor: String, upto: String, hasMore: Bool) {
        self.events = events
        self.cursor = cursor
        self.upto = upto
        self.hasMore = hasMore
    }

    enum CodingKeys: String, CodingKey {
        case events, cursor, upto
        case hasMore = "has_more"
    }
}
