import Crypto
import Foundation

/// Encrypts sensitive fields (AES-256-GCM) and makes their blind index (HMAC-SHA256), each with
/// its own key derived from the master key, so the index key reveals nothing about the
/// encryption key.
///
/// A sealed value is `nonce ‖ ciphertext ‖ tag` (AES-GCM's combined form). The blind index is
/// deterministic, which is what lets an exact lookup find a row; it is keyed, so a guessed ID
/// number cannot be checked against a stolen database without the key file.
struct FieldCipher: Sendable {
    private let encryptionKey: SymmetricKey
    /// HMAC keyed with the index key, copied for each blind index: keying it (hashing the key's
    /// pads) once instead of for each of the millions a bootstrap makes. A copy is independent.
    private let indexMAC: HMAC<SHA256>

    init(masterKey: SymmetricKey) {
        let salt = Data("kiosk-store".utf8)
        encryptionKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: masterKey, salt: salt, info: Data("field-encryption-v1".utf8), outputByteCount: 32)
        indexMAC = HMAC<SHA256>(key: HKDF<SHA256>.deriveKey(
            inputKeyMaterial: masterKey, salt: salt, info: Data("blind-index-v1".utf8), outputByteCount: 32))
    }

    /// Encrypts `plaintext` with a fresh random nonce.
    func seal(_ plaintext: Data) throws(StoreError) -> Data {
        do {
            guard let combined = try AES.GCM.seal(plaintext, using: encryptionKey).combined else {
                throw StoreError(.decryption, "cannot encrypt a field")
            }
            return combined
        } catch {
            throw StoreError(.decryption, "cannot encrypt a field")
        }
    }

    /// Encrypts a string field.
    func seal(_ text: String) throws(StoreError) -> Data { try seal(Data(text.utf8)) }

    /// Decrypts a sealed value; `field` names it in the error if the key or the bytes are wrong.
    func open(_ sealed: Data, field: String) throws(StoreError) -> Data {
        do {
            return try AES.GCM.open(AES.GCM.SealedBox(combined: sealed), using: encryptionKey)
        } catch {
            throw StoreError(.decryption, "cannot decrypt the field \(field): wrong key or damaged data", field: field)
        }
    }

    /// Decrypts a sealed string field.
    func openString(_ sealed: Data, field: String) throws(StoreError) -> String {
        let data = try open(sealed, field: field)
        guard let text = String(data: data, encoding: .utf8) else {
            throw StoreError(.decryption, "the field \(field) is not text", field: field)
        }
        return text
    }

    /// The blind index of a normalised value; `domain` keeps ID and phone indexes apart so the
    /// same digits in both never share an index value.
    func blindIndex(_ value: String, domain: String) -> Data {
        var mac = indexMAC
        mac.update(data: Data(domain.utf8))
        mac.update(data: [0])
        mac.update(data: Data(value.utf8))
        // 16 bytes is plenty for exact lookup (collisions at 2⁻⁶⁴ for a city) and halves the index.
        return Data(mac.finalize().prefix(16))
    }

    /// A value that proves the key matches a database without revealing the key.
    var keyCheck: Data { blindIndex("key-check", domain: "key-check") }
}
