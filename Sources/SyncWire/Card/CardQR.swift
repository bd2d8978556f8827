import DonorCore
import Foundation

/// The signed card QR payload: `base64url(compact JSON claims) + "." + base64url(Ed25519
/// signature over the first part's ASCII bytes)`. It carries a pseudonym, never an ID number.
///
/// Signing and checking need a crypto library, so they live with the signer and the verifier;
/// this type owns the bytes: what is signed and how the parts are written.
public enum CardQR {
    /// The current format version.
    public static let version = 1

    /// What the QR claims.
    public struct Claims: Codable, Sendable, Hashable {
        public var v: Int
        /// `CardQR.pseudonym` of the donor's centre key (donor key).
        public var pseudonym: String
        public var card: CardKind
        public var tier: String?
        public var validThrough: LocalDate?
        public var issuedAt: LocalDate
        /// The signing key's id: the device id of the kiosk that signed it.
        public var keyID: String

        public init(pseudonym: String, card: CardKind, tier: String?, validThrough: LocalDate?, issuedAt: LocalDate, keyID: String) {
            self.v = CardQR.version
            self.pseudonym = pseudonym
            self.card = card
            self.tier = tier
            self.validThrough = validThrough
            self.issuedAt = issuedAt
            self.keyID = keyID
        }

        enum CodingKeys: String, CodingKey {
            case v, pseudonym, card, tier
            case validThrough = "valid_through"
            case issuedAt = "issued_at"
            case keyID = "key_id"
        }
    }

    /// The first part of the payload: the bytes the signature covers.
    public static func signingInput(_ claims: Claims) throws -> String {
        base64url(try WireCoding.encoder().encode(claims))
    }

    /// The whole payload from the signing input and the raw signature.
    public static func payload(signingInput: String, signature: [UInt8]) -> String {
        signingInput + "." + base64url(Data(signature))
    }

    /// Splits a payload into its claims, the signed bytes and the signature; nil when malformed.
    public static func parse(_ payload: String) -> (claims: Claims, signed: [UInt8], signature: [UInt8])? {
        guard payload.utf8.count < 2048 else { return nil }
        let parts = payload.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let json = unbase64url(String(parts[0])), let signature = unbase64url(String(parts[1])),
              let claims = try? WireCoding.decoder().decode(Claims.self, from: json), claims.v == version else { return nil }
        return (claims, Array(parts[0].utf8), Array(signature))
    }

    /// URL-safe base64 without padding.
    public static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Decodes URL-safe base64 with or without padding.
    public static func unbase64url(_ text: String) -> Data? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return Data(base64Encoded: standard)
    }
}
