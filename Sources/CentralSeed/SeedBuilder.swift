import Central
import Foundation
import KioskStore
import KioskSync
import SyncWire

/// `kiosk-central seed build`: makes the database a new kiosk's bootstrap would make, with the
/// kiosk's own code, so a new kiosk downloads one file instead of applying the city event by
/// event (`docs/seed-bootstrap.md`).
///
/// The builder keeps a kiosk store of its own in the shelf's work folder and brings it up to
/// date with `SyncRunner` over `InProcessTransport`: the first build pulls the whole city, each
/// later one only what came since. The published file is a `VACUUM INTO` copy of it without the
/// builder's own rows (`KioskStore.writeSeed`).
public enum SeedBuilder {
    /// What a build did, for the command's report.
    public struct Report: Sendable {
        public var manifest: SeedManifest
        /// Events pulled into the work store by this build (all of them on a first build).
        public var pulled: Int
        public var pullSeconds: Double
        public var writeSeconds: Double
        public var hashSeconds: Double
        public var gzipSeconds: Double
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The builder's key file in the work folder: the key every kiosk seeded from this work
    /// store receives. `freshKey` starts a new work store, with a new key, from nothing.
    static func keyFile(_ shelf: SeedShelf) -> String { (shelf.workDirectory as NSString).appendingPathComponent("seed.key") }

    /// Builds and publishes a seed of `service`'s city.
    public static func build(service: CentralService, shelf: SeedShelf, freshKey: Bool = false,
                             now: Date = Date()) async throws -> Report {
        let store = try openWorkStore(shelf, freshKey: freshKey)
        defer { try? store.close() }
        let clock = ContinuousClock()
        let pullStart = clock.now
        let summary: SyncOnceSummary
        do { summary = try await runner(store, transport: transport(for: service)).runOnce() } catch {
            throw Failure("the builder's download from the centre failed: \(error)")
        }
        let pullSeconds = (clock.now - pullStart) / .seconds(1)
        var report = try publish(store, shelf: shelf, city: service.city, now: now)
        report.pulled = summary.pulled
        report.pullSeconds = pullSeconds
        return report
    }

    /// The builder's kiosk store in the shelf's work folder (made, with its key, on first use;
    /// `freshKey` throws the old one away).
    public static func openWorkStore(_ shelf: SeedShelf, freshKey: Bool) throws -> KioskStore {
        do { try shelf.prepare() } catch { throw Failure("cannot create the seeds folder \(shelf.directory): \(error.localizedDescription)") }
        if freshKey { try? FileManager.default.removeItem(atPath: shelf.workDirectory) }
        do {
            return try KioskStore.open(directory: shelf.workDirectory, keyFile: keyFile(shelf), deviceName: "seed-builder")
        } catch {
            throw Failure("cannot open the builder's store in \(shelf.workDirectory): \(error)")
        }
    }

    /// The builder's way to the centre: a house of the centre's city that exists nowhere but
    /// here, which only pulls.
    public static func transport(for service: CentralService) -> InProcessTransport {
        InProcessTransport(service: service, device: nil, house: House(id: "seed-builder", name: "seed builder", city: service.city,
                                                                       createdAt: service.now))
    }

    /// The kiosk's own sync, over `transport`, into the builder's store.
    public static func runner(_ store: KioskStore, transport: InProcessTransport, prefetch: Bool = true) -> SyncRunner {
        let credential = DeviceCredential(server: "in-process", house: transport.house.id, deviceID: store.deviceID, bearer: "")
        return SyncRunner(store: EnrolledKioskStore(store: store, credential: credential), transport: transport,
                          settings: SyncSettings(pageSize: CentralService.maxPage), seed: 1, prefetchesSnapshotPages: prefetch)
    }

    /// Writes the builder's store as the next seed file and publishes it.
    public static func publish(_ store: KioskStore, shelf: SeedShelf, city: String, now: Date = Date()) throws -> Report {
        let clock = ContinuousClock()
        let cursor: String?
        do { cursor = try store.syncCursor() } catch { throw Failure("cannot read the builder's store: \(error)") }
        let generation = generationName(now: now, cursor: cursor ?? "0")
        let path = shelf.path(of: generation), partial = path + ".part"
        try? FileManager.default.removeItem(atPath: partial)
        try? FileManager.default.removeItem(atPath: partial + ".gz")
        let facts: SeedFacts
        let writeStart = clock.now
        do { facts = try store.writeSeed(to: partial) } catch { throw Failure("cannot write the seed file: \(error)") }
        let writeSeconds = (clock.now - writeStart) / .seconds(1)

        let hashStart = clock.now
        let (bytes, sha256) = try SeedFile.digest(of: partial)
        let hashSeconds = (clock.now - hashStart) / .seconds(1)
        // The gzip form, for the download: written from the part before either is in place.
        let gzipStart = clock.now
        let gzipped: (bytes: Int64, sha256: String)
        do { gzipped = try Gzip.compress(partial, to: partial + ".gz") } catch { throw Failure("cannot compress the seed file: \(error)") }
        let gzipSeconds = (clock.now - gzipStart) / .seconds(1)
        guard chmod(partial, 0o600) == 0, rename(partial + ".gz", shelf.gzipPath(of: generation)) == 0, rename(partial, path) == 0 else {
            throw Failure("cannot put the seed file in place at \(path): \(String(cString: strerror(errno)))")
        }
        guard let key = FileManager.default.contents(atPath: keyFile(shelf)) else { throw Failure("cannot read the builder's key file") }
        let manifest = SeedManifest(generation: generation, city: city, bytes: bytes, sha256: sha256, cursor: facts.cursor,
                                    donors: facts.donors, events: facts.events, builtAt: Int64(now.timeIntervalSince1970),
                                    key: CardQR.base64url(key), gzipBytes: gzipped.bytes, gzipSHA256: gzipped.sha256)
        do { try shelf.publish(manifest) } catch { throw Failure("\(error)") }
        return Report(manifest: manifest, pulled: 0, pullSeconds: 0, writeSeconds: writeSeconds, hashSeconds: hashSeconds,
                      gzipSeconds: gzipSeconds)
    }

    /// `20261127-093000-4021658`: when (UTC) and at which position; sorts by time.
    static func generationName(now: Date, cursor: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return "\(formatter.string(from: now))-\(cursor.filter(\.isNumber))"
    }
}
