import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The kiosk's master key: 32 random bytes in a file only its owner can read (mode 0600).
///
/// Made on first run. Losing the file makes the encrypted fields unreadable, which is the
/// point: a stolen disk without the key file holds no ID or phone number in clear.
enum KeyFile {
    static let keyByteCount = 32

    /// Reads the key at `path`, creating the file (and its folder) first when it does not exist.
    static func loadOrCreate(path: String) throws(StoreError) -> SymmetricKey {
        if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw StoreError(.keyFile, "cannot create the key file's folder", field: "key_file")
            }
        }
        let key = SymmetricKey(size: .bits256)
        // O_EXCL: never overwrite a key another process just made; 0600 from the first byte,
        // not chmod afterwards, so the key is never readable by others even for a moment.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { return try load(path: path) }
            throw StoreError(.keyFile, "cannot create the key file (\(String(cString: strerror(errno))))", field: "key_file")
        }
        defer { close(fd) }
        let bytes = key.withUnsafeBytes { Array($0) }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(fd) == 0 else {
            throw StoreError(.keyFile, "cannot write the key file", field: "key_file")
        }
        return key
    }

    /// Writes `key` at `path` (the key a seed file was sealed with). An existing file is
    /// accepted only when it already holds the same key, so a second try after a cut-short
    /// adoption works and no key a kiosk has is ever replaced.
    static func install(_ key: Data, at path: String) throws(StoreError) {
        guard key.count == keyByteCount else {
            throw StoreError(.keyFile, "the seed's key is not a kiosk key (expected \(keyByteCount) bytes)", field: "key_file")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST {
                let existing = try load(path: path)
                guard existing.withUnsafeBytes({ Data($0) }) == key else {
                    throw StoreError(.keyFile, "this kiosk already has a different key file (\(path)); it cannot take the seed's key", field: "key_file")
                }
                return
            }
            throw StoreError(.keyFile, "cannot create the key file (\(String(cString: strerror(errno))))", field: "key_file")
        }
        defer { close(fd) }
        let written = key.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == key.count, fsync(fd) == 0 else {
            throw StoreError(.keyFile, "cannot write the key file", field: "key_file")
        }
    }

    /// Reads an existing key file; refuses one that others can read or that is not a key.
    static func load(path: String) throws(StoreError) -> SymmetricKey {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw StoreError(.keyFile, "cannot read the key file", field: "key_file")
        }
        guard info.st_mode & 0o077 == 0 else {
            throw StoreError(.keyFile, "the key file can be read by other users; run chmod 600 on it", field: "key_file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError(.keyFile, "cannot read the key file", field: "key_file")
        }
        guard data.count == keyByteCount else {
            throw StoreError(.keyFile, "the key file is not a kiosk key (expected \(keyByteCount) bytes)", field: "key_file")
        }
        return SymmetricKey(data: data)
    }
}
