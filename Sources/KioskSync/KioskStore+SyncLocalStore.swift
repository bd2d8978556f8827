import KioskStore
import SyncWire

// The kiosk's SQLite store as the sync engine's local side. The work is in KioskStore's own
// methods (`pendingOutbox`, `acknowledgePush`, `applyRemote`, `pullMark`); this maps the
// port's types onto them. Events leave with the house id the store was opened with
// (`KioskStore.open(configuration:)` passes the configuration's house id).

extension KioskStore: SyncLocalStore {
    public func pendingEvents(limit: Int) async throws -> [WireEvent] {
        let house = deviceName
        return try pendingOutbox(limit: limit).map { event throws(StoreError) in try event.wire(house: house) }
    }

    public func pendingCount() async throws -> Int {
        try pendingOutboxCount()
    }

    public func acknowledge(_ results: [PushResult]) async throws {
        try acknowledgePush(results)
    }

    public func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage {
        Self.applied(try applyRemote(events.map(\.event), mark: PullMark(position)))
    }

    public func prepare(_ events: [SequencedEvent]) async throws -> PreparedPage {
        PreparedPage(events: events, work: try readRemote(events.map(\.event)))
    }

    public func apply(_ page: PreparedPage, position: SyncPosition) async throws -> AppliedPage {
        guard let read = page.work as? RemotePage else { return try await apply(page.events, position: position) }
        return Self.applied(try applyRemote(read, mark: PullMark(position)))
    }

    private static func applied(_ result: RemoteApplyResult) -> AppliedPage {
        AppliedPage(appliedCount: result.applied, changedDonors: Set(result.changedDonors.map(\.rawValue)))
    }

    public func position() async throws -> SyncPosition {
        SyncPosition(try pullMark())
    }
}

extension PullMark {
    /// The store's form of the engine's position.
    init(_ position: SyncPosition) {
        self.init(cursor: position.cursor, snapshotUpto: position.snapshot?.upto, snapshotAfter: position.snapshot?.after,
                  snapshotApplied: position.snapshot?.applied ?? 0)
    }
}

extension SyncPosition {
    /// The engine's form of the store's position.
    init(_ mark: PullMark) {
        let snapshot = mark.snapshotUpto.map { upto in
            SnapshotProgress(upto: upto, after: mark.snapshotAfter ?? "0", applied: mark.snapshotApplied)
        }
        self.init(cursor: mark.cursor, snapshot: snapshot)
    }
}
