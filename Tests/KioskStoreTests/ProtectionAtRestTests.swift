import DonorCore
import Foundation
import KioskStore
import SyncWire
import Testing

@Suite("Protection at rest")
struct ProtectionAtRestTests {
    /// Every file of the store (database, WAL, shared memory) as raw bytes.
    static func rawBytes(_ dir: TempDir) throws -> Data {
        var all = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasPrefix(KioskStore.databaseFileName) {
            all.append(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/" + name)))
        }
        return all
    }

    @Test func noIDOrPhoneNumberInClearOnDisk() throws {
        let fixture = try Fixture(.onDisk)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        try store.saveAnswers(QuestionnaireAnswers(date: date("2026-05-01"), answers: ["hiv_risk_ever": true]), for: donor, author: "v1")
        try store.importDonors(Sample.registry(count: 50), author: "admin")
        let sensitive = [Sample.idA, Sample.phoneA, "hiv_risk_ever", "110105000000000017X", "13900000017"]
        let bytes = try Self.rawBytes(fixture.dir)
        #expect(bytes.count > 0)
        for value in sensitive {
            #expect(bytes.range(of: Data(value.utf8)) == nil, "found a sensitive value in clear")
        }
        // Names stay searchable in clear, which proves the scan reads the real bytes.
        #expect(bytes.range(of: Data("王小明".utf8)) != nil)

        // And through SQLite itself: dump every table as text and look again.
        let sqlite = "/usr/bin/sqlite3"
        if FileManager.default.isExecutableFile(atPath: sqlite) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: sqlite)
            process.arguments = [fixture.dir.database, ".dump"]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let dump = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(dump.contains("CREATE TABLE donors"))
            for value in sensitive { #expect(!dump.contains(value), "sqlite3 .dump shows a sensitive value") }
        }
    }

    @Test func keyFileIsCreatedOwnerOnly() throws {
        let fixture = try Fixture(.onDisk)
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.dir.keyFile)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect((attributes[.size] as? Int) == 32)
        _ = fixture.store
    }

    @Test func keyFileReadableByOthersIsRefused() throws {
        let fixture = try Fixture(.onDisk)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: fixture.dir.keyFile)
        let error = #expect(throws: StoreError.self) { try fixture.reopen() }
        #expect(error?.code == .keyFile)
    }

    @Test func anotherKeyFileIsRefusedAndDataStaysIntact() throws {
        let fixture = try Fixture(.onDisk)
        try fixture.store.registerDonor(Sample.donor(), author: "v1")
        let other = TempDir()
        let error = #expect(throws: StoreError.self) {
            try KioskStore.open(directory: fixture.dir.path, keyFile: other.keyFile, deviceName: "house-1")
        }
        #expect(error?.code == .wrongKey)
        #expect(try fixture.reopen().donor(idNumber: Sample.idA)?.name == "王小明")
    }

    @Test func sensitiveEventPayloadsAreSealedAndOthersAreNot() {
        #expect(EventKind.allCases.filter(\.isSensitive) == [.donorRegistered, .donorUpdated, .deferralAdded, .answersSaved, .vitalsSaved,
                                                        .eligibilityOverridden])
    }
}
