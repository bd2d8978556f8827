import Foundation
import GRDB
import SyncWire

/// What applying a page of the centre's events changed.
public struct RemoteApplyResult: Sendable, Hashable {
    /// Events new to this kiosk; those it already held (its own pushed events coming back, a
    /// page applied twice) are skipped.
    public var applied: Int
    /// Donors whose record, history, deferrals or card changed.
    public var changedDonors: Set<DonorID>

    public init(applied: Int = 0, changedDonors: Set<DonorID> = []) {
        self.applied = applied
        self.changedDonors = changedDonors
    }
}

extension KioskStore {
    /// Applies a page of the centre's events and saves `mark` in ONE write transaction: the
    /// page with its position, or neither.
    ///
    /// While a bootstrap is under way (`mark` holds a snapshot), the page commits without an
    /// fsync (see `writeSnapshotPage`); the page that ends it, and every other pull, with one.
    ///
    /// Each event not already in the log (by id) is appended to `events` (not the outbox;
    /// sealed when sensitive), applied to the projections and its HLC taken in. A kind the
    /// kiosk does not know is kept in the log (sealed) and otherwise ignored. A malformed
    /// event (`invalidInput`) or a row the schema refuses fails the whole page with nothing
    /// written and the position unchanged. Counts as a successful pull.
    public func applyRemote(_ events: [WireEvent], mark: PullMark) throws(StoreError) -> RemoteApplyResult {
        try applyRemote(readRemote(events), mark: mark)
    }

    /// Reads and checks a page of the centre's events and makes their log rows (sealed where
    /// sensitive) and the registrations' donor rows: all of `applyRemote` that needs no
    /// database, so a bootstrap can do it for the next page on another core while this one is
    /// written. A malformed event fails the whole page here, before anything is written.
    public func readRemote(_ events: [WireEvent]) throws(StoreError) -> RemotePage {
        var read: [RemotePage.Event] = []
        read.reserveCapacity(events.count)
        for wire in events {
            if EventKind(rawValue: wire.kind) == nil {
                guard EventEnvelope.isValidID(wire.id), let strict = HLC(wire.hlc) else {
                    throw StoreError(.invalidInput, "an event of an unknown kind has a malformed id or time", field: "id")
                }
                read.append(RemotePage.Event(wire: wire, envelope: nil, hlc: HLCTimestamp(strict), log: try logRow(wire, nil),
                                             donorRow: nil))
            } else {
                let envelope = try EventEnvelope(wire: wire)
                // A registration's row is made here too (sealing, blind indexes), off the writer.
                // One that cannot be made is tried again in the write step, where its error
                // fails the page only if the donor is new to this kiosk, as before.
                var donorRow: DonorRow?
                if case .donorRegistered(let p) = envelope.payload { donorRow = try? remoteDonorRow(p) }
                read.append(RemotePage.Event(wire: wire, envelope: envelope, hlc: envelope.hlc, log: try logRow(wire, envelope),
                                             donorRow: donorRow))
            }
        }
        return RemotePage(events: read)
    }

    /// Writes a page read by `readRemote` and saves `mark`, as `applyRemote(_:mark:)`.
    public func applyRemote(_ page: RemotePage, mark: PullMark) throws(StoreError) -> RemoteApplyResult {
        // A bootstrap page (the last one has no snapshot left) commits without an fsync.
        func apply(_ db: Database) throws -> RemoteApplyResult {
            if mark.snapshotUpto == nil {
                // The page that ends a bootstrap builds the indexes it dropped, with its cache.
                try restoreDeferredIndexes(in: db)
                try db.execute(sql: "PRAGMA cache_size = -\(Self.defaultCacheKiB)")
            }
            var result = RemoteApplyResult()
            var hlc = try loadClock(in: db)
            for event in page.events {
                guard try insertRemote(event.wire, event.log, in: db) else { continue }
                if let envelope = event.envelope {
                    result.changedDonors.formUnion(try project(envelope, donorRow: event.donorRow, in: db))
                }
                hlc.receive(event.hlc, now: clock.now())
                result.applied += 1
            }
            try SyncState.set("hlc", hlc.last.description, in: db)
            try save(mark, in: db)
            try recordSuccess(SyncKey.lastPull, in: db)
            if result.applied > 0 {
                try audit(actor: "sync", action: "sync.pull", subject: nil, detail: "\(result.applied) events", in: db)
            }
            return result
        }
        return try mark.snapshotUpto == nil ? write(apply) : writeSnapshotPage(apply)
    }

    /// The payload a pulled event keeps in the log: the centre's JSON object as it came, with
    /// `donor` filled in where the wire left it to `donor_key` (as `EventEnvelope(wire:)` reads
    /// it), written without a round trip through the typed payload and `JSONEncoder`, which
    /// was the largest cost of applying a bootstrap page. Keys the kiosk does not know are kept.
    static func logPayload(_ wire: WireEvent, _ envelope: EventEnvelope) -> Data {
        guard case .object(var members) = wire.payload else { return wire.payload.jsonText() }
        if envelope.kind.takesDonorFromEnvelope, members["donor"] == nil || members["donor"] == .null, let donor = envelope.payload.donorKey {
            members["donor"] = .string(donor.rawValue)
        }
        return JSONValue.object(members).jsonText()
    }

    /// The log row of a pulled event: its payload (sealed for the sensitive kinds, and for a
    /// kind the kiosk cannot read, which may be personal) and the donor it is about.
    private func logRow(_ wire: WireEvent, _ envelope: EventEnvelope?) throws(StoreError) -> RemotePage.LogRow {
        var body: Data, sealed: Bool, donor: String?
        if let envelope {
            body = Self.logPayload(wire, envelope)
            sealed = envelope.kind.isSensitive
            donor = envelope.payload.donor?.rawValue
        } else {
            body = wire.payload.jsonText()
            sealed = true
            donor = wire.donorKey
        }
        if sealed { body = try cipher.seal(body) }
        return RemotePage.LogRow(payload: body, sealed: sealed, donor: donor)
    }

    /// Appends a pulled event to the log with the house it came from; no outbox row, since
    /// the centre already has it. False when the log already holds an event with this id (the
    /// kiosk's own event coming back, a page applied twice): the insert's own unique-key check
    /// says so, without a look-up of its own before it.
    private func insertRemote(_ wire: WireEvent, _ log: RemotePage.LogRow, in db: Database) throws -> Bool {
        try db.cachedStatement(sql: """
            INSERT INTO events (id, kind, hlc, author, device, donor, sealed, payload, house)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """).execute(arguments: [wire.id, wire.kind, wire.hlc, wire.author, wire.device, log.donor, log.sealed, log.payload, wire.house])
        return db.changesCount > 0
    }
}

/// A page of the centre's events as `KioskStore.readRemote` read it: each event checked, typed
/// where the kiosk knows its kind, with its time and its log row ready.
public struct RemotePage: Sendable {
    struct LogRow: Sendable {
        var payload: Data
        var sealed: Bool
        var donor: String?
    }

    struct Event: Sendable {
        var wire: WireEvent
        var envelope: EventEnvelope?
        var hlc: HLCTimestamp
        var log: LogRow
        /// A registration's `donors` row, made ahead.
        var donorRow: DonorRow?
    }

    let events: [Event]

    /// The ids of the events, in order: which page this is.
    public var ids: [String] { events.map(\.wire.id) }
}
