import DonorCore
import Foundation

/// What a donor's QR code says, signed so a gate can check it with the house's public key
/// alone: a pseudonym (never the ID number or name), the card, the ride-code tier and the
/// validity.
///
/// Binary and small on purpose: with the 64-byte Ed25519 signature the code must still fit a
/// 24-row terminal (QR version 5, 37 modules). Layout, big-endian:
/// `version(1) pseudonym(8) card(1: 1 annual, 2 honour) tier(1: index in the policy's tiers,
/// 255 none) until(4: LocalDate.dayNumber, 0 for life)`, then the signature; the QR text is
/// base64url of the whole.
public struct CardPayload: Sendable, Hashable {
    /// The format version, the first byte.
    public static let version: UInt8 = 1
    /// 8 bytes derived from the donor's record id with the house's key.
    public var pseudonym: [UInt8]
    /// The card in force.
    public var card: CardKind
    /// The ride-code design, as its index in the policy's tiers.
    public var tierIndex: Int?
    /// The last valid day; nil for a card for life.
    public var until: LocalDate?

    /// A payload; the pseudonym is cut or padded to 8 bytes.
    public init(pseudonym: [UInt8], card: CardKind, tierIndex: Int?, until: LocalDate?) {
        self.pseudonym = Array(pseudonym.prefix(8)) + Array(repeating: 0, count: max(0, 8 - pseudonym.count))
        self.card = card
        self.tierIndex = tierIndex
        self.until = until
    }

    /// The 15 bytes that are signed.
    public var signedBytes: Data {
        var bytes: [UInt8] = [CardPayload.version] + pseudonym
        bytes.append(card == .annual ? 1 : 2)
        bytes.append(tierIndex.map { UInt8(clamping: $0) } ?? 255)
        let day = UInt32(clamping: until?.dayNumber ?? 0)
        bytes += [UInt8(day >> 24), UInt8((day >> 16) & 0xff), UInt8((day >> 8) & 0xff), UInt8(day & 0xff)]
        return Data(bytes)
    }

    /// What the QR code holds: base64url of the payload followed by the signature.
    public func qrText(signature: Data) -> String {
        CardPayload.base64url(signedBytes + signature)
    }

    /// Base64 without padding, URL-safe, as QR readers and URLs like it.
    public static func base64url(_ data: Data) -> String {
        data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Signs card payloads. The kiosk signs with an Ed25519 key kept beside its key file.
public protocol CardSigner: Sendable {
    /// The signature over `data`.
    func sign(_ data: Data) throws(ServiceError) -> Data
    /// A stable 8-byte pseudonym for a donor record id.
    func pseudonym(for donorID: String) -> [UInt8]
}
