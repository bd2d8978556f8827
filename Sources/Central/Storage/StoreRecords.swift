import SyncWire

/// A donation house (or bus) enrolled with the centre.
public struct House: Sendable, Codable, Hashable {
    public var id: String
    public var name: String
    /// The policy region whose donors the house receives.
    public var city: String
    /// Seconds since 1970.
    public var createdAt: Int64
    /// The last push or pull by any of its devices.
    public var lastSyncAt: Int64?

    public init(id: String, name: String, city: String, createdAt: Int64, lastSyncAt: Int64? = nil) {
        self.id = id
        self.name = name
        self.city = city
        self.createdAt = createdAt
        self.lastSyncAt = lastSyncAt
    }
}

/// An enrolled kiosk. Only a SHA-256 hash of its secret is kept.
public struct Device: Sendable, Codable, Hashable {
    public var id: String
    public var house: String
    public var name: String
    public var secretHash: String
    /// Ed25519 public key (base64url) for its card QR codes.
    public var signingKey: String?
    public var createdAt: Int64
    public var revokedAt: Int64?

    public init(id: String, house: String, name: String, secretHash: String, signingKey: String?, createdAt: Int64, revokedAt: Int64? = nil) {
        self.id = id
        self.house = house
        self.name = name
        self.secretHash = secretHash
        self.signingKey = signingKey
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// An event as stored: its payload with the personal fields sealed (see `PayloadSealer`).
public struct StoredEvent: Sendable, Hashable {
    /// The centre's sequence number, assigned at commit (see `CentralStore.commit`).
    public var seq: Int64
    public var event: WireEvent
    /// The city whose houses receive it.
    public var city: String
    public var receivedAt: Int64

    public init(seq: Int64, event: WireEvent, city: String, receivedAt: Int64) {
        self.seq = seq
        self.event = event
        self.city = city
        self.receivedAt = receivedAt
    }
}

/// A rejected event, kept for an operator with the reason. Its payload is sealed like an event's.
public struct QuarantinedEvent: Sendable, Codable, Hashable {
    public var eventID: String
    public var house: String
    public var device: String
    public var kind: String
    public var code: String
    public var message: String
    /// The whole event as JSON (sealed payload).
    public var body: String
    public var receivedAt: Int64

    public init(eventID: String, house: String, device: String, kind: String, code: String, message: String, body: String, receivedAt: Int64) {
        self.eventID = eventID
        self.house = house
        self.device = device
        self.kind = kind
        self.code = code
        self.message = message
        self.body = body
        self.receivedAt = receivedAt
    }
}

/// The registry's index of a donor: the blind index of the ID number, never the number.
public struct DonorRecord: Sendable, Hashable {
    /// The donor key made by the registering device.
    public var key: String
    /// HMAC-SHA256 of the normalised ID number under the server key (hex).
    public var idHash: String
    public var house: String
    /// The HLC of the `donor.registered` event: the earliest wins a merge.
    public var registeredHLC: String
    public var registrationEventID: String
    /// Set when this key lost a merge: the surviving key.
    public var mergedInto: String?

    public init(key: String, idHash: String, house: String, registeredHLC: String, registrationEventID: String, mergedInto: String? = nil) {
        self.key = key
        self.idHash = idHash
        self.house = house
        self.registeredHLC = registeredHLC
        self.registrationEventID = registrationEventID
        self.mergedInto = mergedInto
    }
}

/// Something only the centre can see, accepted but raised for a person to review.
public struct ReviewFlag: Sendable, Codable, Hashable {
    /// Assigned by the store.
    public var id: Int64
    /// "interval_conflict", "duplicate_registration".
    public var kind: String
    public var donorKey: String
    public var eventIDs: [String]
    public var message: String
    public var createdAt: Int64

    public init(id: Int64 = 0, kind: String, donorKey: String, eventIDs: [String], message: String, createdAt: Int64) {
        self.id = id
        self.kind = kind
        self.donorKey = donorKey
        self.eventIDs = eventIDs
        self.message = message
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, message
        case donorKey = "donor_key"
        case eventIDs = "event_ids"
        case createdAt = "created_at"
    }
}

/// A certificate activation, for verification and statistics.
public struct CertificateRecord: Sendable, Hashable {
    /// The `card.activated` event id.
    public var activationID: String
    public var donorKey: String
    public var pseudonym: String
    public var card: String
    public var tier: String?
    /// ISO date; nil for life.
    public var validThrough: String?
    public var issuedAt: String
    public var keyID: String
    public var hlc: String
    public var revoked: Bool

    public init(activationID: String, donorKey: String, pseudonym: String, card: String, tier: String?, validThrough: String?,
                issuedAt: String, keyID: String, hlc: String, revoked: Bool = false) {
        self.activationID = activationID
        self.donorKey = donorKey
        self.pseudonym = pseudonym
        self.card = card
        self.tier = tier
        self.validThrough = validThrough
        self.issuedAt = issuedAt
        self.keyID = keyID
        self.hlc = hlc
        self.revoked = revoked
    }
}

/// Everything one accepted event, or one group of pushes, changes, written in one transaction
/// so a crash leaves either all of it or none of it.
public struct WriteBatch: Sendable {
    /// Events to append, in order, on consecutive sequence numbers (a stored id aborts the batch).
    public var events: [(event: WireEvent, city: String)] = []
    /// Inserted, or, for a key stored already, its `mergedInto` replaced. Written before `merges`.
    public var donors: [DonorRecord] = []
    /// `(from, into)`: every key merged into `from` now points at `into` too.
    public var merges: [(from: String, into: String)] = []
    public var flags: [ReviewFlag] = []
    public var certificates: [CertificateRecord] = []
    public var revokedCertificates: [String] = []
    /// Rejected events to keep (a copy of an id kept already is ignored).
    public var quarantined: [QuarantinedEvent] = []
    /// Houses whose `lastSyncAt` becomes `receivedAt`.
    public var touchedHouses: [String] = []
    public var receivedAt: Int64

    public init(receivedAt: Int64) { self.receivedAt = receivedAt }
}
