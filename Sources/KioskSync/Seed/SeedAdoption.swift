import Foundation
import KioskStore
import SyncWire

#if canImport(Glibc)
import Glibc
#endif

/// A new kiosk takes the centre's seed file as its database instead of pulling the city page by
/// page (`docs/seed-bootstrap.md`): download (`SeedDownload`), check, put in place, and the
/// first sync then asks only for what came after the seed.
///
/// Only a kiosk with no database takes a seed: one that has recorded anything keeps its own
/// and pulls pages as before. Nothing is in place until every check passed, so a cut or
/// damaged download leaves the data folder as it was (apart from the part file it resumes).
public struct SeedAdoption: Sendable {
    public let dataDirectory: String
    public let keyFile: String
    /// A download with no byte for this long is given up (the part stays, to resume): the
    /// kiosk's HTTP client has no read timeout, since its long-polls are silent by design.
    let idleLimitSeconds: Double

    public init(dataDirectory: String, keyFile: String) {
        self.init(dataDirectory: dataDirectory, keyFile: keyFile, idleLimitSeconds: 60)
    }

    init(dataDirectory: String, keyFile: String, idleLimitSeconds: Double) {
        self.dataDirectory = dataDirectory
        self.keyFile = keyFile
        self.idleLimitSeconds = idleLimitSeconds
    }

    /// A failure in plain words; the data folder holds what it held before.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    public var storePath: String { (dataDirectory as NSString).appendingPathComponent(KioskStore.databaseFileName) }
    /// The download in progress, resumed at the next try when it is of the same generation.
    var partPath: String { storePath + ".seed-part" }
    /// The file the part file belongs to (`GENERATION` or `GENERATION.gz`).
    var partGenerationPath: String { partPath + ".generation" }
    /// A gzip part, inflated, while it is checked.
    var inflatedPath: String { storePath + ".seed-inflated" }

    /// Why this kiosk must keep pulling pages instead (it has a database of its own), or nil.
    public func reasonToKeepPages() -> String? {
        for path in [storePath, storePath + "-wal"] where FileManager.default.fileExists(atPath: path) {
            return "this kiosk already has its own database (\(path)); it keeps it and downloads what is new page by page"
        }
        return nil
    }

    /// The seed's key as bytes, or a plain failure when the manifest's key is not one.
    static func key(of manifest: SeedManifest) throws(Failure) -> Data {
        guard let key = CardQR.unbase64url(manifest.key), key.count == 32 else {
            throw Failure("the centre's seed has no usable key; ask the centre to build the seed again")
        }
        return key
    }

    /// Checks the downloaded part file against `manifest` and makes it this kiosk's database,
    /// with the seed's key as its key file; a gzip download is inflated first and checked
    /// again. `digest` is the download's own (size, SHA-256) when it computed one on the way;
    /// otherwise the file is read once more.
    @discardableResult
    public func install(_ manifest: SeedManifest, digest known: (bytes: Int64, sha256: String)? = nil) throws(Failure) -> SeedFacts {
        if let reason = reasonToKeepPages() {
            discardPart()
            throw Failure(reason)
        }
        let key = try Self.key(of: manifest)
        let expected = manifest.download
        let digest: (bytes: Int64, sha256: String)
        if let known {
            digest = known
        } else {
            do { digest = try SeedFile.digest(of: partPath) } catch { throw Failure("cannot read the downloaded seed (\(partPath))") }
        }
        guard digest.bytes == expected.bytes, digest.sha256 == expected.sha256 else {
            discardPart()
            throw Failure("the downloaded seed is damaged (\(digest.bytes) bytes, checksum \(digest.sha256.prefix(12))…, expected \(expected.bytes) bytes, \(expected.sha256.prefix(12))…); it was deleted, nothing else changed: try again")
        }
        var file = partPath
        if expected.name != manifest.generation {
            let inflated: (bytes: Int64, sha256: String)
            do { inflated = try Gzip.decompress(partPath, to: inflatedPath) } catch {
                discardPart()
                throw Failure("the seed file failed its check (\(error)); it was deleted, nothing else changed")
            }
            guard inflated.bytes == manifest.bytes, inflated.sha256 == manifest.sha256 else {
                discardPart()
                throw Failure("the seed file failed its check (inflated, it is not the file the centre built); it was deleted, nothing else changed")
            }
            file = inflatedPath
        }
        let facts: SeedFacts
        do { facts = try KioskStore.inspectSeed(at: file, key: key) } catch {
            discardPart()
            throw Failure("the seed file failed its check (\(error.message)); it was deleted, nothing else changed")
        }
        do { try KioskStore.installSeedKey(key, at: keyFile) } catch { throw Failure(error.message) }
        // The rename is the moment the kiosk has a database: atomic, and made durable by
        // syncing the folder, so a power cut leaves either no database or the whole seed.
        guard rename(file, storePath) == 0 else {
            throw Failure("cannot put the seed in place at \(storePath): \(String(cString: strerror(errno)))")
        }
        syncFolder()
        discardPart()
        return facts
    }

    /// Removes a part file, its inflated copy and its note (a damaged, unwanted or used download).
    func discardPart() {
        for path in [partPath, partGenerationPath, inflatedPath] { try? FileManager.default.removeItem(atPath: path) }
    }

    private func syncFolder() {
        let fd = open(dataDirectory, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
