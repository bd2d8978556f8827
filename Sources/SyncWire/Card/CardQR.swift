import Crypto
import DonorCore
import Foundation

/// The signed card QR code, the one format the kiosk signs (`Ed25519CardSigner`) and the
/// centre checks (`/v1/verify`, `kiosk-central verify`).
///
/// Binary and small on purpose: with the 64-byte Ed25519 signature the code must still fit a
/// 24-row terminal (QR version 5, 37 modules, whose byte mode at level L holds 106 characters).
/// Layout, big-endian: `version(1) pseudonym(8) card(1: 1 annual, 2 honour) tier(1: index in
/// the policy's tiers, 255 none) until(4: LocalDate.dayNumber, 0 for life)`, then the signature
/// over those 15 bytes. The QR text is base64url without padding of all 79 bytes: 106 characters.
///
/// The pseudonym is `pseudonym(donorKey:)`: the centre finds the activation by it, and through
/// the activation the device whose public key must verify the signature. The code carries
/// neither the ID number nor the name.
public enum CardQR {
    /// The format version, the first byte. (1 was the kiosk's first layout with a pseudonym
    /// only that kiosk could link, which the centre cannot look up.)
    public static let version: UInt8 = 2
    /// The signed part's length in bytes.
    public static let signedLength = 15
    /// An Ed25519 signature's length in bytes.
    public static let signatureLength = 64

    /// What the code claims, as the verify endpoint reports it.
    public struct Claims: Codable, Sendable, Hashable {
        public var v: Int
        /// base64url of the 8 pseudonym bytes (11 characters).
        public var pseudonym: String
        public var card: CardKind
        /// The ride-code design: its index in the policy's tiers.
        public var tierIndex: Int?
        /// The last valid day; nil for life.
        public var validThrough: LocalDate?

        public init(pseudonym: String, card: CardKind, tierIndex: Int?, validThrough: LocalDate?) {
            self.v = Int(CardQR.version)
            self.pseudonym = pseudonym
            self.card = card
            self.tierIndex = tierIndex
            self.validThrough = validThrough
        }

        enum CodingKeys: String, CodingKey {
            case v, pseudonym, card
            case tierIndex = "tier_index"
            case validThrough = "valid_through"
        }
    }

    /// The pseudonym of a donor key: base64url of the first 8 bytes of HMAC-SHA256 under the
    /// fixed key "kiosk-card-pseudonym/v2". The donor key is a random id made on a device, so
    /// the pseudonym identifies nobody by itself.
    public static func pseudonym(donorKey: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(donorKey.utf8), using: SymmetricKey(data: Data("kiosk-card-pseudonym/v2".utf8)))
        return base64url(Data(mac).prefix(8))
    }

    /// The 15 signed bytes; nil when the pseudonym is not 8 bytes of base64url.
    public static func signedBytes(_ claims: Claims) -> [UInt8]? {
        guard let pseudonym = unbase64url(claims.pseudonym), pseudonym.count == 8 else { return nil }
        var bytes: [UInt8] = [version] + Array(pseudonym)
        bytes.append(claims.card == .annual ? 1 : 2)
        bytes.append(claims.tierIndex.map { UInt8(clamping: $0) } ?? 255)
        let day = UInt32(clamping: claims.validThrough?.dayNumber ?? 0)
        bytes += [UInt8(day >> 24), UInt8((day >> 16) & 0xff), UInt8((day >> 8) & 0xff), UInt8(day & 0xff)]
        return bytes
    }

    /// The QR text for `claims` signed with `key`.
    public static func sign(_ claims: Claims, with key: Curve25519.Signing.PrivateKey) throws -> String {
        guard let signed = signedBytes(claims) else { throw CardQRError.badPseudonym }
        return text(signed: signed, signature: try key.signature(for: Data(signed)))
    }

    /// The QR text: base64url of the signed bytes followed by the signature.
    public static func text(signed: [UInt8], signature: Data) -> String {
        base64url(Data(signed) + signature)
    }

    /// Splits a QR text into its claims, the signed bytes and the signature; nil when it is not
    /// a card QR code of this version.
    public static func parse(_ text: String) -> (claims: Claims, signed: [UInt8], signature: [UInt8])? {
        guard text.utf8.count < 256, let data = unbase64url(text), data.count == signedLength + signatureLength else { return nil }
        let bytes = Array(data)
        guard bytes[0] == version, bytes[9] == 1 || bytes[9] == 2 else { return nil }
        let day = Int(bytes[11]) << 24 | Int(bytes[12]) << 16 | Int(bytes[13]) << 8 | Int(bytes[14])
        let claims = Claims(pseudonym: base64url(Data(bytes[1..<9])), card: bytes[9] == 1 ? .annual : .honour,
                            tierIndex: bytes[10] == 255 ? nil : Int(bytes[10]), validThrough: day == 0 ? nil : LocalDate(dayNumber: day))
        return (claims, Array(bytes[0..<signedLength]), Array(bytes[signedLength...]))
    }

    /// True when `signature` is a valid Ed25519 signature of `signed` by `publicKey` (base64url, 32 bytes raw).
    public static func verify(signed: [UInt8], signature: [UInt8], publicKey: String) -> Bool {
        guard let raw = unbase64url(publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(Data(signature), for: Data(signed))
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

/// Why a card QR code could not be made.
public enum CardQRError: Error, Sendable {
    /// The claims' pseudonym is not 8 bytes of base64url (see `CardQR.pseudonym(donorKey:)`).
    case badPseudonym
}
