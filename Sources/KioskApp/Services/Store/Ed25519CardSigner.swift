import Crypto
import Foundation
import KioskStore

/// Signs card payloads with the house's Ed25519 key, kept in a file beside the kiosk's key
/// file (mode 0600) and created on first run. A gate verifies a code with the public key alone.
public struct Ed25519CardSigner: CardSigner {
    let key: Curve25519.Signing.PrivateKey
    /// Derived from the signing key so pseudonyms are stable per kiosk and meaningless
    /// without it; never the ID number.
    let pseudonymKey: SymmetricKey

    /// The file name of the signing key, in the folder of the kiosk's key file.
    public static let fileName = "card-signing.key"

    /// A signer for an existing key.
    public init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
        pseudonymKey = SymmetricKey(data: SHA256.hash(data: Data("card-pseudonym".utf8) + key.rawRepresentation))
    }

    /// Loads the key beside `keyFile`, creating it (mode 0600) when missing.
    public static func loadOrCreate(besideKeyFile keyFile: String) throws(ServiceError) -> Ed25519CardSigner {
        let folder = (keyFile as NSString).deletingLastPathComponent
        let path = (folder as NSString).appendingPathComponent(fileName)
        let fm = FileManager.default
        if let data = fm.contents(atPath: path) {
            guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: data) else {
                throw .storage("card signing key \(path) is not a 32-byte Ed25519 key")
            }
            return Ed25519CardSigner(key: key)
        }
        let key = Curve25519.Signing.PrivateKey()
        do {
            try fm.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        } catch {
            throw .storage("cannot create \(folder)")
        }
        // Created with 0600 from the start, so the key is never readable by others, not even briefly.
        guard fm.createFile(atPath: path, contents: key.rawRepresentation, attributes: [.posixPermissions: 0o600]) else {
            throw .storage("cannot write \(path)")
        }
        return Ed25519CardSigner(key: key)
    }

    /// The public key a gate needs, raw 32 bytes.
    public var publicKey: Data { key.publicKey.rawRepresentation }

    public func sign(_ data: Data) throws(ServiceError) -> Data {
        do {
            return try key.signature(for: data)
        } catch {
            throw .storage("signing failed")
        }
    }

    public func pseudonym(for donorID: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(donorID.utf8), using: pseudonymKey)).prefix(8).map { $0 }
    }

    /// Checks a QR text against a public key: what a gate does. Returns the payload bytes.
    public static func verify(qrText: String, publicKey: Data) -> Data? {
        var base64 = qrText.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let bytes = Data(base64Encoded: base64), bytes.count > 64,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return nil }
        let payload = bytes.prefix(bytes.count - 64), signature = bytes.suffix(64)
        return key.isValidSignature(signature, for: payload) ? Data(payload) : nil
    }
}
