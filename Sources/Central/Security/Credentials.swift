import Crypto
import Foundation
import SyncWire

/// Random tokens and secrets, and the hashes the store keeps instead of them.
public enum Credentials {
    /// A random URL-safe string of `bytes` random bytes.
    public static func random(bytes: Int = 32) -> String {
        let key = SymmetricKey(size: SymmetricKeySize(bitCount: bytes * 8))
        return CardQR.base64url(key.withUnsafeBytes { Data($0) })
    }

    /// SHA-256 (hex) of a high-entropy secret; enough because the secret is 256 random bits.
    public static func hash(_ secret: String) -> String {
        Data(SHA256.hash(data: Data(secret.utf8))).hexString
    }

    /// Compares two hashes in constant time.
    public static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// Splits `Authorization: Bearer DEVICE.SECRET`; nil when it is not one.
    public static func parseBearer(_ header: String?) -> (device: String, secret: String)? {
        guard let header, header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst("Bearer ".count)
        guard token.count <= 256, let dot = token.firstIndex(of: ".") else { return nil }
        let device = String(token[..<dot]), secret = String(token[token.index(after: dot)...])
        guard !device.isEmpty, !secret.isEmpty else { return nil }
        return (device, secret)
    }
}

/// The card QR's pseudonym and signature check.
public enum CardCrypto {
    /// `CardQR.Claims.pseudonym` for a donor key: base64url of the first 16 bytes of
    /// HMAC-SHA256(key: "kiosk-card-pseudonym/v1", donor key). The donor key is a random id made
    /// on a device, so the QR code carries nothing that identifies the person by itself.
    public static func pseudonym(donorKey: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(donorKey.utf8), using: SymmetricKey(data: Data("kiosk-card-pseudonym/v1".utf8)))
        return CardQR.base64url(Data(mac).prefix(16))
    }

    /// True when `signature` is a valid Ed25519 signature of `signed` by `publicKey` (base64url raw).
    public static func verify(signed: [UInt8], signature: [UInt8], publicKey: String) -> Bool {
        guard let raw = CardQR.unbase64url(publicKey), let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
        return key.isValidSignature(Data(signature), for: Data(signed))
    }

    /// True when `text` is a usable Ed25519 public key (32 bytes, base64url).
    public static func isPublicKey(_ text: String) -> Bool {
        guard let raw = CardQR.unbase64url(text) else { return false }
        return (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
    }
}
