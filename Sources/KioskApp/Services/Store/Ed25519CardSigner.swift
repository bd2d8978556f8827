import Crypto
import Foundation
import KioskStore
import SyncWire

/// Signs card payloads with the house's Ed25519 key, kept in a file beside the kiosk's key
/// file (mode 0600) and created on first run. A gate verifies a code with the public key alone.
public struct Ed25519CardSigner: CardSigner {
    let key: Curve25519.Signing.PrivateKey

    /// The file name of the signing key, in the folder of the kiosk's key file.
    public static let fileName = "card-signing.key"

    /// A signer for an existing key.
    public init(key: Curve25519.Signing.PrivateKey) {
        self.key = key
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

    /// Checks a QR text against a public key: what a gate without the centre does. Returns
    /// the claims when the signature is good.
    public static func verify(qrText: String, publicKey: Data) -> CardQR.Claims? {
        guard let (claims, signed, signature) = CardQR.parse(qrText),
              CardQR.verify(signed: signed, signature: signature, publicKey: CardQR.base64url(publicKey)) else { return nil }
        return claims
    }
}
