import Foundation
import SyncWire

/// The centre's folder of seed files (`[seeds] dir`): `current.json`, the manifest new kiosks
/// are given (it holds the seed's key, so the folder and the file are the owner's only), and
/// one `GENERATION.sqlite` (and its gzip form, `GENERATION.sqlite.gz`) per build kept, the
/// current one and the one before it, so a kiosk that started its download before a rebuild
/// can finish it.
public struct SeedShelf: Sendable {
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Where the builder keeps the kiosk store it brings up to date before each build.
    public var workDirectory: String { (directory as NSString).appendingPathComponent("work") }
    var manifestPath: String { (directory as NSString).appendingPathComponent("current.json") }

    /// The published seed file of `generation`.
    public func path(of generation: String) -> String {
        (directory as NSString).appendingPathComponent(generation + ".sqlite")
    }

    /// The current seed's manifest; nil when none was built yet.
    public func current() throws -> SeedManifest? {
        guard let data = FileManager.default.contents(atPath: manifestPath) else { return nil }
        do {
            return try WireCoding.read(SeedManifest.self, from: data)
        } catch {
            throw CentralError(500, "seed_unreadable", "The seed's manifest (\(manifestPath)) is unreadable; build the seed again.")
        }
    }

    /// The gzip form of `generation`'s file.
    public func gzipPath(of generation: String) -> String { path(of: generation) + ".gz" }

    /// The file a kiosk downloads for `manifest` (its gzip form when there is one).
    public func downloadPath(of manifest: SeedManifest) -> String {
        manifest.download.name == manifest.generation ? path(of: manifest.generation) : gzipPath(of: manifest.generation)
    }

    /// The file for a download of `name` (`GENERATION`, or `GENERATION.gz` for its gzip form),
    /// if that build is still kept.
    func file(of name: Substring) -> String? {
        let gzip = name.hasSuffix(".gz"), generation = gzip ? name.dropLast(3) : name
        guard SeedManifest.isGenerationName(generation) else { return nil }
        let path = gzip ? gzipPath(of: String(generation)) : path(of: String(generation))
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Makes the folder (mode 0700: the manifest holds a key).
    public func prepare() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }

    /// Makes `manifest` the current seed (its file already at `path(of:)`), atomically: a kiosk
    /// asking meanwhile gets the old manifest or the new one, never half of one. Then removes
    /// every build older than the one it replaces.
    public func publish(_ manifest: SeedManifest) throws {
        let replaced = try? current()
        let temporary = manifestPath + ".new"
        let data = try WireCoding.encoder().encode(manifest)
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]),
              rename(temporary, manifestPath) == 0 else {
            throw CentralError(500, "seed_unpublished", "Cannot publish the seed: \(String(cString: strerror(errno))).")
        }
        let kept = [manifest.generation, replaced?.generation ?? manifest.generation]
        let keep = Set(kept.flatMap { [$0 + ".sqlite", $0 + ".sqlite.gz"] })
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        where (name.hasSuffix(".sqlite") || name.hasSuffix(".sqlite.gz")) && !keep.contains(name) {
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
        }
    }
}
