import DonorCore

/// `card.activated`: a volunteer activated a certificate and the kiosk signed its QR code.
public struct CardActivatedPayload: Codable, Sendable, Hashable {
    public var card: CardKind
    /// The ride-code tier id, e.g. "blue".
    public var tier: String?
    /// The last valid day; nil for the honour card (for life).
    public var validThrough: LocalDate?
    public var issuedAt: LocalDate
    /// The QR's pseudonym (see `CardQR.pseudonym`), so the centre can answer a verification.
    public var pseudonym: String
    /// The signing key's id: the device id.
    public var keyID: String

    public init(card: CardKind, tier: String?, validThrough: LocalDate?, issuedAt: LocalDate, pseudonym: String, keyID: String) {
        self.card = card
        self.tier = tier
        self.validThrough = validThrough
        self.issuedAt = issuedAt
        self.pseudonym = pseudonym
        self.keyID = keyID
    }

    enum CodingKeys: String, CodingKey {
        case card, tier, pseudonym
        case validThrough = "valid_through"
        case issuedAt = "issued_at"
        case keyID = "key_id"
    }
}

/// `card.revoked`: a certificate (named by its `card.activated` event) is withdrawn.
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
