import Central
import CentralSeed
import DonorCore
import Foundation
import KioskStore
@testable import KioskSync
import SyncWire
import Testing

/// A new kiosk from the centre's seed file (`docs/seed-bootstrap.md`), over the real router on
/// a socket: the download (whole, resumed), the checks that keep a damaged file out, the
/// kiosk that keeps its own database, and the first pull after the seed's position.
@Suite("Seed adoption")
struct SeedAdoptionTests {
    /// A house that registered a donor (with a phone) and gave a donation, synced to the centre.
    static func houseWithADonor(_ service: CentralService, _ url: URL) async throws -> (SyncFixture, SyncRunner, DonorID) {
        let house = try SyncFixture(house: "house-a")
        let (device, transport) = try await LiveCentral.kiosk(service, url, house: "house-a")
        let donor = try localDonor(house.store)
        _ = try house.store.recordDonation(for: donor, DonationFacts(date: day("2026-09-01"), kind: .wholeBlood, volumeML: 400), author: "n1")
        let runner = SyncRunner(store: EnrolledKioskStore(store: house.store, credential: DeviceCredential(
            server: url.absoluteString, house: "house-a", deviceID: device, bearer: "in-transport")), transport: transport, seed: 1)
        #expect(try await runner.runOnce().pushed == 2)
        return (house, runner, donor)
    }

    /// A new house's enrolment: its bearer, for the seed download and its transport.
    static func enrol(_ service: CentralService, house: String) async throws -> EnrollResponse {
        if try await service.store.house(id: house) == nil { _ = try await service.addHouse(id: house, name: house) }
        return try await service.enroll(EnrollRequest(token: try await service.issueEnrollToken(house: house, hours: 1).token))
    }

    /// The usual start: house A's donor at the centre, a seed built, house B enrolled, and an
    /// empty kiosk folder (its data folder made) with the adoption that would fill it.
    static func seededCentre(_ service: CentralService, _ url: URL) async throws
        -> (manifest: SeedManifest, shelf: SeedShelf, bearer: String, folder: EmptyKioskFolder, adoption: SeedAdoption) {
        _ = try await houseWithADonor(service, url)
        let shelf = try #require(service.seeds)
        let manifest = try await SeedBuilder.build(service: service, shelf: shelf).manifest
        let credential = try await enrol(service, house: "house-b")
        let folder = EmptyKioskFolder()
        try FileManager.default.createDirectory(atPath: folder.dataDirectory, withIntermediateDirectories: true)
        return (manifest, shelf, credential.bearer, folder, SeedAdoption(dataDirectory: folder.dataDirectory, keyFile: folder.keyFile))
    }

    @Test func aNewKioskAdoptsTheSeedFindsDonorsAndPullsOnlyWhatCameAfter() async throws {
        try await LiveCentral.withServer { service, url in
            let (house, runner, donor) = try await Self.houseWithADonor(service, url)
            let shelf = try #require(service.seeds)
            let built = try await SeedBuilder.build(service: service, shelf: shelf)
            #expect(built.manifest.donors == 1 && built.manifest.events == 2)
            // After the seed was built: a second donation at house A.
            _ = try house.store.recordDonation(for: donor, DonationFacts(date: day("2026-11-01"), kind: .platelets, doses: 1),
                                               author: "n1")
            #expect(try await runner.runOnce().pushed == 1)

            let newcomer = EmptyKioskFolder()
            let credential = try await Self.enrol(service, house: "house-b")
            let adoption = SeedAdoption(dataDirectory: newcomer.dataDirectory, keyFile: newcomer.keyFile)
            guard case .adopted(let manifest, let facts, let resumedFrom, _) = try await adoption.run(base: url, bearer: credential.bearer) else {
                Issue.record("the seed was not adopted")
                return
            }
            #expect(manifest == built.manifest)
            #expect(facts.cursor == built.manifest.cursor && resumedFrom == 0)
            #expect(!FileManager.default.fileExists(atPath: adoption.partPath))
            let keyMode = try FileManager.default.attributesOfItem(atPath: newcomer.keyFile)[.posixPermissions] as? Int
            #expect(keyMode == 0o600)

            let store = try KioskStore.open(directory: newcomer.dataDirectory, keyFile: newcomer.keyFile, deviceName: "house-b")
            defer { try? store.close() }
            // The blind indexes were made under the seed's key, which is now this kiosk's.
            #expect(try store.donor(idNumber: "110105199002150023")?.id == donor)
            #expect(try store.donors(phone: "13912345678").map(\.id) == [donor])
            #expect(try store.history(of: donor).count == 1)
            #expect(try store.syncSummary().pending == 0)

            let transport = HTTPSyncTransport(base: url, bearer: credential.bearer, client: CentreHTTP.client)
            let seeded = SyncRunner(store: EnrolledKioskStore(store: store, credential: DeviceCredential(
                server: url.absoluteString, house: "house-b", deviceID: credential.deviceID, bearer: credential.bearer)), transport: transport, seed: 2)
            let summary = try await seeded.runOnce()
            #expect(summary.pulled == 1, "only the donation made after the seed")
            #expect(try store.history(of: donor).map(\.kind) == [.wholeBlood, .platelets])
            _ = try store.recordDonation(for: donor, DonationFacts(date: day("2026-11-20"), kind: .platelets, doses: 1), author: "n2")
            // Its own events carry its own device, and a time after every time it holds.
            let log = try store.events(of: donor)
            let own = try #require(log.last)
            #expect(own.device == store.deviceID && own.hlc.device == store.deviceID)
            #expect(log.dropLast().allSatisfy { $0.hlc < own.hlc })
            #expect(try await seeded.runOnce().pushed == 1)
        }
    }

    @Test func aDownloadCutShortResumesFromWhereItStopped() async throws {
        try await LiveCentral.withServer { service, url in
            let (manifest, shelf, bearer, newcomer, adoption) = try await Self.seededCentre(service, url)
            // What a cut download leaves: the first bytes of the gzip form and the name they belong to.
            #expect(manifest.download.name == manifest.generation + ".gz")
            let whole = try Data(contentsOf: URL(fileURLWithPath: shelf.downloadPath(of: manifest)))
            let cut = Int.random(in: 1..<whole.count)
            try whole.prefix(cut).write(to: URL(fileURLWithPath: adoption.partPath))
            try manifest.download.name.write(toFile: adoption.partGenerationPath, atomically: true, encoding: .utf8)

            let seen = Seen()
            let outcome = try await adoption.run(base: url, bearer: bearer) { done, total in seen.add(done, total) }

            guard case .adopted(_, let facts, let resumedFrom, _) = outcome else { Issue.record("not adopted: \(outcome)"); return }
            #expect(resumedFrom == Int64(cut), "cut at \(cut)")
            #expect(seen.first == Int64(cut) && seen.last == Int64(whole.count))
            #expect(facts.donors == 1)
            #expect(try Data(contentsOf: URL(fileURLWithPath: adoption.storePath)) == Data(contentsOf: URL(fileURLWithPath: shelf.path(of: manifest.generation))))
            #expect(try Data(contentsOf: URL(fileURLWithPath: newcomer.keyFile)) == CardQR.unbase64url(manifest.key))
        }
    }

    @Test func aPartOfAnotherBuildIsDroppedNotResumed() async throws {
        try await LiveCentral.withServer { service, url in
            let (manifest, _, bearer, newcomer, adoption) = try await Self.seededCentre(service, url)
            try Data(repeating: 7, count: 5000).write(to: URL(fileURLWithPath: adoption.partPath))
            try "20200101-000000-1".write(toFile: adoption.partGenerationPath, atomically: true, encoding: .utf8)
            guard case .adopted(let adopted, _, let resumedFrom, _) = try await adoption.run(base: url, bearer: bearer) else {
                Issue.record("not adopted")
                return
            }
            #expect(adopted.generation == manifest.generation && resumedFrom == 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: newcomer.dataDirectory) == ["kiosk.sqlite"])
        }
    }

    @Test func aSeedReplacedWhileItDownloadsIsAskedForAgainOnce() async throws {
        try await LiveCentral.withServer { service, url in
            let (manifest, shelf, bearer, newcomer, adoption) = try await Self.seededCentre(service, url)
            // The manifest names a build whose file is gone, as when two rebuilds passed meanwhile.
            try FileManager.default.removeItem(atPath: shelf.downloadPath(of: manifest))
            await #expect {
                _ = try await adoption.run(base: url, bearer: bearer)
            } throws: { error in
                "\(error)" == "the centre replaced its seed twice during the download; try again"
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: newcomer.dataDirectory).isEmpty)
        }
    }

    @Test func aDownloadThatStallsIsGivenUpAndKeepsWhatItHas() async throws {
        // A server that takes the connection and never answers.
        let silent = try SilentListener()
        defer { silent.close() }
        let folder = EmptyKioskFolder()
        let adoption = SeedAdoption(dataDirectory: folder.dataDirectory, keyFile: folder.keyFile, idleLimitSeconds: 1)
        let manifest = SeedManifest(generation: "g1", city: "taiyuan", bytes: 10, sha256: "00", cursor: "1", donors: 1, events: 1,
                                    builtAt: 0, key: CardQR.base64url(Data(repeating: 1, count: 32)))
        await #expect {
            _ = try await adoption.download(manifest, base: URL(string: "http://127.0.0.1:\(silent.port)")!, bearer: "b",
                                            client: CentreHTTP.client) { _, _ in }
        } throws: { error in
            "\(error)" == "the download stopped at 0 of 10 bytes (no data for 1 s); run it again to go on from there"
        }
        #expect(try String(contentsOfFile: adoption.partGenerationPath, encoding: .utf8) == "g1", "kept, to resume")
    }

    @Test func aDamagedSeedIsRefusedAndTheDataFolderStaysAsItWas() async throws {
        try await LiveCentral.withServer { service, url in
            let (manifest, shelf, _, newcomer, adoption) = try await Self.seededCentre(service, url)
            let before = try FileManager.default.contentsOfDirectory(atPath: newcomer.directory).sorted()

            // One byte flipped on the way: the checksum says so, and the file goes.
            var flipped = try Data(contentsOf: URL(fileURLWithPath: shelf.downloadPath(of: manifest)))
            let at = Int.random(in: 0..<flipped.count)
            flipped[at] ^= 0x20
            try flipped.write(to: URL(fileURLWithPath: adoption.partPath))
            #expect {
                try adoption.install(manifest)
            } throws: { error in
                "\(error)".hasPrefix("the downloaded seed is damaged") && "\(error)".contains("nothing else changed")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: newcomer.directory).sorted() == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: newcomer.dataDirectory).isEmpty)

            // Files the centre itself got wrong (their checksums match): each check refuses one.
            let raw = try Data(contentsOf: URL(fileURLWithPath: shelf.path(of: manifest.generation)))
            let scratch = newcomer.directory + "/scratch"
            func refused(_ bytes: Data, gzip: Bool, _ expected: String) throws {
                var broken = manifest
                try bytes.write(to: URL(fileURLWithPath: scratch))
                if gzip {
                    (broken.gzipBytes, broken.gzipSHA256) = try Gzip.compress(scratch, to: adoption.partPath)
                } else {
                    (broken.gzipBytes, broken.gzipSHA256) = (nil, nil)
                    try bytes.write(to: URL(fileURLWithPath: adoption.partPath))
                    (broken.bytes, broken.sha256) = try SeedFile.digest(of: adoption.partPath)
                }
                #expect {
                    try adoption.install(broken)
                } throws: { error in
                    "\(error)".hasPrefix("the seed file failed its check (\(expected)") && "\(error)".hasSuffix("; it was deleted, nothing else changed")
                }
                #expect(try FileManager.default.contentsOfDirectory(atPath: newcomer.dataDirectory).isEmpty)
                #expect(!FileManager.default.fileExists(atPath: newcomer.keyFile))
            }
            // Half a database: SQLite's own check.
            try refused(raw.prefix(8192), gzip: false, "the seed file is damaged")
            // A gzip form whose content is not the file the manifest names.
            try refused(raw.prefix(8192), gzip: true, "inflated, it is not the file the centre built")
            // A gzip form cut short, and one with bytes after its end.
            let gzip = try Data(contentsOf: URL(fileURLWithPath: shelf.downloadPath(of: manifest)))
            for (bytes, why) in [(gzip.prefix(gzip.count / 2), "the compressed data stops short"),
                                 (gzip + Data([1, 2, 3]), "there are bytes after the end of the compressed data")] {
                try bytes.write(to: URL(fileURLWithPath: adoption.partPath))
                var broken = manifest
                (broken.gzipBytes, broken.gzipSHA256) = try SeedFile.digest(of: adoption.partPath)
                #expect {
                    try adoption.install(broken)
                } throws: { error in
                    "\(error)".hasPrefix("the seed file failed its check (\(why)")
                }
                #expect(try FileManager.default.contentsOfDirectory(atPath: newcomer.dataDirectory).isEmpty)
            }

            // A key that does not open the file is refused before it becomes the kiosk's key.
            try FileManager.default.copyItem(atPath: shelf.downloadPath(of: manifest), toPath: adoption.partPath)
            var wrongKey = manifest
            wrongKey.key = CardQR.base64url(Data(repeating: 1, count: 32))
            #expect {
                try adoption.install(wrongKey)
            } throws: { error in
                "\(error)".contains("the seed's key does not open the seed file")
            }
            #expect(!FileManager.default.fileExists(atPath: newcomer.keyFile))
            #expect(!FileManager.default.fileExists(atPath: adoption.storePath))
        }
    }

    @Test func aKioskWithItsOwnDatabaseKeepsItAndACentreWithoutSeedSaysSo() async throws {
        try await LiveCentral.withServer { service, url in
            let credential = try await Self.enrol(service, house: "house-b")
            let fresh = EmptyKioskFolder()
            let adoption = SeedAdoption(dataDirectory: fresh.dataDirectory, keyFile: fresh.keyFile)
            guard case .noSeed = try await adoption.run(base: url, bearer: credential.bearer) else { Issue.record("expected no seed"); return }
            #expect(!FileManager.default.fileExists(atPath: fresh.dataDirectory + "/kiosk.sqlite"))

            let (house, _, donor) = try await Self.houseWithADonor(service, url)
            _ = try await SeedBuilder.build(service: service, shelf: try #require(service.seeds))
            let own = SeedAdoption(dataDirectory: house.dataDirectory, keyFile: house.keyFile)
            let before = try Data(contentsOf: URL(fileURLWithPath: house.keyFile))
            guard case .kept(let reason) = try await own.run(base: url, bearer: credential.bearer) else { Issue.record("expected kept"); return }
            #expect(reason.hasPrefix("this kiosk already has its own database"))
            #expect(try Data(contentsOf: URL(fileURLWithPath: house.keyFile)) == before)
            #expect(try house.store.history(of: donor).count == 1)
        }
    }

    @Test func aSeedIsRefusedWhileTheBuildersDownloadIsUnfinishedOrItHasEventsToSend() throws {
        let fixture = try SyncFixture()
        #expect {
            _ = try fixture.store.writeSeed(to: fixture.directory + "/seed.sqlite")
        } throws: { error in
            "\(error)" == "cannot make a seed: nothing has been downloaded from the centre yet (conflict)"
        }
        try fixture.store.setSyncCursor("5")
        _ = try localDonor(fixture.store)
        #expect {
            _ = try fixture.store.writeSeed(to: fixture.directory + "/seed.sqlite")
        } throws: { error in
            "\(error)" == "cannot make a seed: the store has events of its own waiting to be sent (conflict)"
        }
        #expect(!FileManager.default.fileExists(atPath: fixture.directory + "/seed.sqlite"))
    }
}

/// The progress a download reported: its first and last figures.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var figures: [(Int64, Int64)] = []
    func add(_ done: Int64, _ total: Int64) { lock.withLock { figures.append((done, total)) } }
    var first: Int64? { lock.withLock { figures.first?.0 } }
    var last: Int64? { lock.withLock { figures.last?.0 } }
}

/// A folder for a new kiosk with nothing in it yet (no store, no key), removed afterwards.
final class EmptyKioskFolder: Sendable {
    let directory = NSTemporaryDirectory() + "kiosk-seed-test-" + UUID().uuidString
    var dataDirectory: String { directory + "/data" }
    var keyFile: String { directory + "/kiosk.key" }

    init() { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: directory) }
}
