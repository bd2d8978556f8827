import AsyncHTTPClient
import Crypto
import Foundation
import KioskStore
import NIOCore
import SyncWire

/// The size and SHA-256 of a file, read in pieces (the seed is gigabytes).
public enum SeedFile {
    public static func digest(of path: String) throws -> (bytes: Int64, sha256: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw CocoaError(.fileReadNoSuchFile) }
        defer { try? handle.close() }
        var hasher = SHA256(), bytes: Int64 = 0
        while let piece = try handle.read(upToCount: 4 << 20), !piece.isEmpty {
            hasher.update(data: piece)
            bytes += Int64(piece.count)
        }
        return (bytes, hex(hasher.finalize()))
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}

extension SeedAdoption {
    /// What an adoption did, for the enrolment's report.
    public enum Outcome: Sendable {
        /// The seed is this kiosk's database now.
        case adopted(manifest: SeedManifest, facts: SeedFacts, resumedFrom: Int64, seconds: Double)
        /// The centre has no seed for this city: the first sync pulls pages.
        case noSeed
        /// This kiosk keeps its own database (the reason, in plain words).
        case kept(String)
    }

    /// Asks the centre for its seed, downloads it (resuming a part file of the same
    /// generation), checks it and puts it in place. `progress` is told the bytes so far and the
    /// download's size; `checking` when the download is done and the checks (seconds for a
    /// city) begin.
    public func run(base: URL, bearer: String, client: HTTPClient = CentreHTTP.client,
                    progress: @escaping @Sendable (Int64, Int64) -> Void = { _, _ in },
                    checking: @Sendable () -> Void = {}) async throws(Failure) -> Outcome {
        if let reason = reasonToKeepPages() { return .kept(reason) }
        let started = ContinuousClock.now
        // A seed replaced while it downloads is asked for once more (the centre keeps the
        // previous build, so that is rare); a second replacement is reported.
        for _ in 1...2 {
            guard let manifest = try await manifest(base: base, bearer: bearer, client: client) else { return .noSeed }
            _ = try Self.key(of: manifest)
            let resumedFrom = partSize(for: manifest)
            do {
                let digest = try await download(manifest, base: base, bearer: bearer, client: client, progress: progress)
                checking()
                let facts = try install(manifest, digest: digest)
                return .adopted(manifest: manifest, facts: facts, resumedFrom: resumedFrom, seconds: (.now - started) / .seconds(1))
            } catch is SeedGone {
                discardPart()
            } catch let failure as Failure {
                throw failure
            } catch {
                throw Failure("cannot write the seed in the data folder (\(error))")
            }
        }
        throw Failure("the centre replaced its seed twice during the download; try again")
    }

    /// `GET /v1/seed`; nil when the centre has none for this house's city.
    func manifest(base: URL, bearer: String, client: HTTPClient) async throws(Failure) -> SeedManifest? {
        let url = base.appendingPathComponent("v1/seed")
        let answer: CentreHTTP.Answer
        do { answer = try await CentreHTTP.exchange(url, bearer: bearer, body: nil, timeoutSeconds: 30, client: client) } catch {
            throw Failure("cannot reach \(error.reason)")
        }
        if answer.status == 200, let manifest = try? WireCoding.read(SeedManifest.self, from: answer.body) { return manifest }
        let detail = try? WireCoding.read(WireErrorBody.self, from: answer.body).error
        if answer.status == 404, detail?.code == "no_seed" { return nil }
        throw Failure("the centre refused the seed: \(detail?.message ?? "status \(answer.status)")")
    }

    /// The bytes of `manifest`'s download already here (0 when the part is of another build).
    func partSize(for manifest: SeedManifest) -> Int64 {
        let noted = (try? String(contentsOfFile: partGenerationPath, encoding: .utf8)) ?? ""
        guard noted == manifest.download.name,
              let size = (try? FileManager.default.attributesOfItem(atPath: partPath))?[.size] as? NSNumber,
              size.int64Value <= manifest.download.bytes else {
            discardPart()
            return 0
        }
        return size.int64Value
    }

    struct SeedGone: Error {}

    /// Downloads the rest of the file into the part file, hashing as it writes; returns the
    /// whole file's size and SHA-256.
    func download(_ manifest: SeedManifest, base: URL, bearer: String, client: HTTPClient,
                  progress: @escaping @Sendable (Int64, Int64) -> Void) async throws -> (bytes: Int64, sha256: String) {
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let offset = partSize(for: manifest)
        if offset == 0, !FileManager.default.createFile(atPath: partPath, contents: nil, attributes: [.posixPermissions: 0o600]) {
            throw Failure("cannot write in the data folder (\(dataDirectory))")
        }
        let wanted = manifest.download
        try wanted.name.write(toFile: partGenerationPath, atomically: true, encoding: .utf8)
        guard let handle = FileHandle(forUpdatingAtPath: partPath) else { throw Failure("cannot write \(partPath)") }
        defer { try? handle.close() }
        // The bytes already here count in the checksum: read them once before going on.
        var hasher = SHA256()
        while handle.offsetInFile < UInt64(offset), let piece = try handle.read(upToCount: min(4 << 20, Int(offset - Int64(handle.offsetInFile)))),
              !piece.isEmpty {
            hasher.update(data: piece)
        }
        // Whatever lies past what is counted goes; the next byte is written at `offset`.
        try handle.truncate(atOffset: UInt64(offset))
        progress(offset, wanted.bytes)
        guard offset < wanted.bytes else { return (offset, SeedFile.hex(hasher.finalize())) }
        let url = base.appendingPathComponent("v1/seed").appendingPathComponent(wanted.name)
        var request = HTTPClientRequest(url: url.absoluteString)
        request.headers.add(name: "Authorization", value: "Bearer \(bearer)")
        if offset > 0 { request.headers.add(name: "Range", value: "bytes=\(offset)-") }
        let received = Received(offset: offset, hasher: hasher), asked = request
        do {
            // The watchdog covers the wait for the answer's head as well as the body.
            try await Self.failingWhenIdle(for: idleLimitSeconds, received: received) {
                let response = try await client.execute(asked, deadline: .now() + .hours(12))
                switch response.status.code {
                case 206:
                    break
                case 200:
                    // The whole file after all (a server that ignores Range): start again from byte 0.
                    if received.offset > 0 {
                        try handle.truncate(atOffset: 0)
                        received.restart()
                    }
                case 404:
                    throw SeedGone()
                default:
                    throw Failure("the centre answered \(response.status.code) to the seed download")
                }
                for try await buffer in response.body {
                    let piece = Data(buffer.readableBytesView)
                    try handle.write(contentsOf: piece)
                    received.add(piece)
                    progress(received.offset, wanted.bytes)
                }
            }
        } catch let error as SeedGone {
            throw error
        } catch let failure as Failure {
            throw failure
        } catch {
            try? handle.synchronize()
            let why = error is Stalled ? "no data for \(Int(idleLimitSeconds)) s" : CentreHTTP.noAnswer(error, url: url, client: client).reason
            throw Failure("the download stopped at \(received.offset) of \(wanted.bytes) bytes (\(why)); run it again to go on from there")
        }
        try handle.synchronize()
        return (received.offset, SeedFile.hex(received.hasher.finalize()))
    }

    struct Stalled: Error {}

    /// What the body has brought so far; written by the download's task, its time of last
    /// arrival read by the watchdog's.
    final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var offset: Int64
        private(set) var hasher: SHA256
        private var last = ContinuousClock.now

        init(offset: Int64, hasher: SHA256) {
            self.offset = offset
            self.hasher = hasher
        }

        func add(_ piece: Data) {
            lock.withLock {
                hasher.update(data: piece)
                offset += Int64(piece.count)
                last = .now
            }
        }

        /// The server sent the whole file instead of the range: nothing before counts.
        func restart() {
            lock.withLock {
                hasher = SHA256()
                offset = 0
            }
        }

        var idle: Duration { lock.withLock { last.duration(to: .now) } }
    }

    /// Runs `body`, cancelling it with `Stalled` once nothing has arrived for `limit` seconds.
    static func failingWhenIdle(for limit: Double, received: Received, _ body: @escaping @Sendable () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await body()
                return true
            }
            group.addTask {
                while received.idle < .milliseconds(Int64(limit * 1000)) {
                    try await Task.sleep(for: .seconds(min(1, limit)))
                }
                throw Stalled()
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
