import DonorCore

/// `card.activated`: a volunteer activated a certificate and the kiosk signed its QR code.
public struct CardActivatedPayload: Codable, Sendable, Hashable {
    public var donor: String?
    public var card: CardKind
    /// The day of activation (the QR's `issued_at`).
    public var date: LocalDate
    /// The last valid day; nil for the honour card (for life).
    public var validThrough: LocalDate?
    /// The ride-code tier id, e.g. "blue".
    public var tier: String?
    /// The policy reference it was computed under, e.g. "taiyuan@2026.06".
    public var policy: String?
    /// The QR's pseudonym; when absent the centre computes it from the donor key.
    public var pseudonym: String?
    /// The signing key's id; when absent, the device that pushed the event.
    public var keyID: String?

    public init(
        donor: String? = nil, card: CardKind, date: LocalDate, validThrough: LocalDate?, tier: String?, policy: String? = nil,
        pseudonym: String? = nil, keyID: String? = nil
    ) {
        self.donor = donor
        self.card = card
        self.date = date
        self.validThrough = validThrough
        self.tier = tier
        self.policy = policy
        self.pseudonym = pseudonym
        self.keyID = keyID
    }

    enum CodingKeys: String, CodingKey {
        case donor, card, date, tier, policy, pseudonym
        case validThrough = "valid_through"
        case keyID = "key_id"
    }
}

/// `card.revoked`: a certificate (named by its `card.activated` event id) is withdrawn.
public struct CardRevokedPayload: Codable, Sendable, Hashable {
    public var activationID: String
    public var reason: String

    public init(activationID: String, reason: String) {
        self.activationID = activationID
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case activationID = "activation_id"
    }
}
