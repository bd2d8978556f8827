import Crypto
import Foundation
import SyncWire

/// The server's secret key file (`KEYS_DIR/server.key`, 32 random bytes, mode 0600) and the
/// keys derived from it: one seals personal fields at rest (AES-GCM), one makes the blind index
/// of ID numbers (HMAC-SHA256), so the database alone reveals neither.
public struct ServerKeys: Sendable {
    let sealing: SymmetricKey
    let blindIndex: SymmetricKey

    /// Keys derived from `master` with HKDF, one label per purpose.
    public init(master: SymmetricKey) {
        sealing = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("kiosk-central/seal/v1".utf8), outputByteCount: 32)
        blindIndex = HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("kiosk-central/blind-index/v1".utf8), outputByteCount: 32)
    }

    /// Reads `dir/server.key`, making it (and the folder, mode 0700) on first use.
    public static func loadOrCreate(directory: String) throws -> ServerKeys {
        let fm = FileManager.default
        let path = (directory as NSString).appendingPathComponent("server.key")
        if let data = fm.contents(atPath: path) {
            guard data.count == 32 else { throw StoreError(.unavailable, "\(path) must hold exactly 32 bytes") }
            return ServerKeys(master: SymmetricKey(data: data))
        }
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256)
        let bytes = key.withUnsafeBytes { Data($0) }
        guard fm.createFile(atPath: path, contents: bytes, attributes: [.posixPermissions: 0o600]) else {
            throw StoreError(.unavailable, "cannot write \(path)")
        }
        return ServerKeys(master: key)
    }

    /// The blind index of a normalised ID number: equal numbers give equal hashes.
    public func idHash(_ idNumber: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(idNumber.utf8), using: blindIndex)).hexString
    }

    /// AES-GCM sealed text, base64.
    public func seal(_ text: String) throws -> String {
        try AES.GCM.seal(Data(text.utf8), using: sealing).combined!.base64EncodedString()
    }

    /// The text sealed by `seal`; nil when it was not sealed with this key.
    public func open(_ sealed: String) -> String? {
        guard let data = Data(base64Encoded: sealed), let box = try? AES.GCM.SealedBox(combined: data),
              let plain = try? AES.GCM.open(box, using: sealing) else { return nil }
        return String(decoding: plain, as: UTF8.self)
    }
}

/// Seals the personal fields of a payload before it is stored, and opens them on the way out
/// to a house (over TLS). `id_number` becomes `id_number_sealed`, and so on.
public enum PayloadSealer {
    /// The payload fields that name or reach a person.
    public static let personalFields = ["id_number", "name", "phone"]

    public static func seal(_ payload: JSONValue, keys: ServerKeys) throws -> JSONValue {
        guard var members = payload.objectValue else { return payload }
        for field in personalFields {
            if case .string(let text)? = members[field] {
                members[field] = nil
                members[field + "_sealed"] = .string(try keys.seal(text))
            }
        }
        return .object(members)
    }

    public static func open(_ payload: JSONValue, keys: ServerKeys) -> JSONValue {
        guard var members = payload.objectValue else { return payload }
        for field in personalFields {
            if case .string(let sealed)? = members[field + "_sealed"], let text = keys.open(sealed) {
                members[field + "_sealed"] = nil
                members[field] = .string(text)
            }
        }
        return .object(members)
    }
}

extension ServerKeys {
    /// Keys from a fresh random master key, for tests and throwaway demos.
    public static func random() -> ServerKeys { ServerKeys(master: SymmetricKey(size: .bits256)) }
}
