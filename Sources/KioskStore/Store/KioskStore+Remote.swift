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
        // Read every event before the transaction opens: a malformed one costs no write.
        var decoded: [(wire: WireEvent, envelope: EventEnvelope?, hlc: HLCTimestamp)] = []
        for wire in events {
            if EventKind(rawValue: wire.kind) == nil {
                guard EventEnvelope.isValidID(wire.id), let strict = HLC(wire.hlc) else {
                    throw StoreError(.invalidInput, "an event of an unknown kind has a malformed id or time", field: "id")
                }
                decoded.append((wire, nil, HLCTimestamp(strict)))
            } else {
                let envelope = try EventEnvelope(wire: wire)
                decoded.append((wire, envelope, envelope.hlc))
            }
        }
        // A bootstrap page (the last one has no snapshot left) commits without an fsync.
        func apply(_ db: Database) throws -> RemoteApplyResult {
            if mark.snapshotUpto == nil { try db.execute(sql: "PRAGMA cache_size = -\(Self.defaultCacheKiB)") }
            var result = RemoteApplyResult()
            var hlc = try loadClock(in: db)
            for (wire, envelope, time) in decoded {
                guard try !eventExists(wire.id, in: db) else { continue }
                try insertRemote(wire, envelope, in: db)
                if let envelope { result.changedDonors.formUnion(try project(envelope, in: db)) }
                hlc.receive(time, now: clock.now())
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

    func eventExists(_ id: String, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM events WHERE id = ?)"), arguments: [id]) ?? false
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

    /// Appends a pulled event to the log with the house it came from; no outbox row, since
    /// the centre already has it. A kind the kiosk cannot read is sealed: it may be personal.
    private func insertRemote(_ wire: WireEvent, _ envelope: EventEnvelope?, in db: Database) throws {
        var body: Data, sealed: Bool, donor: String?
        if let envelope {
            body = Self.logPayload(wire, envelope)
            sealed = envelope.kind.isSensitive
            donor = envelope.payload.donor?.rawValue
        } else {
            body = try WireCoding.encoder().encode(wire.payload)
            sealed = true
            donor = wire.donorKey
        }
        if sealed { body = try cipher.seal(body) }
        try db.cachedStatement(sql: """
            INSERT INTO events (id, kind, hlc, author, device, donor, sealed, payload, house)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [wire.id, wire.kind, wire.hlc, wire.author, wire.device, donor, sealed, body, wire.house])
    }
}
