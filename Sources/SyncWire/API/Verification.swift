import DonorCore

/// `POST /v1/verify`: checks a card QR payload.
public struct VerifyRequest: Codable, Sendable, Hashable {
    public var payload: String
    public init(payload: String) { self.payload = payload }
}

/// The verdict on a card QR payload.
public struct VerifyResponse: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Signed by an enrolled device, in force today.
        case valid
        /// Not a card QR payload at all.
        case malformed
        /// The key id names no device the centre knows.
        case unknownKey = "unknown_key"
        /// The signature does not match: forged or altered.
        case badSignature = "bad_signature"
        /// Past its last valid day.
        case expired
        /// Withdrawn (`card.revoked`, or signed by a device after it was revoked).
        case revoked
        /// A newer certificate was issued for the same donor.
        case superseded
        /// Signed correctly, but the centre has no record of the activation yet.
        case unknownCertificate = "unknown_certificate"
    }

    public var status: Status
    public var valid: Bool
    public var message: String
    /// What the code claims, once it parses.
    public var card: CardQR.Claims?
    /// The claimed tier's id in the centre's policy (the code carries its index).
    public var tier: String?
    /// The activation's date and the signing device, once the centre found the activation.
    public var issuedAt: LocalDate?
    public var keyID: String?

    public init(status: Status, message: String, card: CardQR.Claims? = nil, tier: String? = nil,
                issuedAt: LocalDate? = nil, keyID: String? = nil) {
        self.status = status
        self.valid = status == .valid
        self.message = message
        self.card = card
        self.tier = tier
        self.issuedAt = issuedAt
        self.keyID = keyID
    }

    enum CodingKeys: String, CodingKey {
        case status, valid, message, card, tier
        case issuedAt = "issued_at"
        case keyID = "key_id"
    }
}
