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

/// Checks on the card-signing keys devices enrol with (the QR format itself is `CardQR`).
public enum CardCrypto {
    /// True when `text` is a usable Ed25519 public key (32 bytes, base64url).
    public static func isPublicKey(_ text: String) -> Bool {
        guard let raw = CardQR.unbase64url(text) else { return false }
        return (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
    }
}
