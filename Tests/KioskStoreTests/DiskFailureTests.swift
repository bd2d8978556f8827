import DonorCore
import Foundation
@testable import KioskStore
import SyncWire
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Mounts a small tmpfs for the test (root only); nil when mounting is not permitted.
final class TinyFileSystem {
    let path: String
    private init(path: String) { self.path = path }

    static func mount(kilobytes: Int) -> TinyFileSystem? {
        let dir = TempDir()
        let path = dir.path + "-fs"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) else { return nil }
        return TinyFileSystem(path: path)
    }

    func remount(readOnly: Bool) -> Bool {
        Self.run("/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", path])
    }

    deinit {
        _ = Self.run("/bin/umount", [path])
        try? FileManager.default.removeItem(atPath: path)
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

@Suite("Full and read-only disks", .serialized)
struct DiskFailureTests {
    static func facts(_ i: Int) -> DonationFacts {
        DonationFacts(date: date("2026-05-01"), kind: .wholeBlood, volumeML: 400, bagNumber: "BAG-\(i)-" + String(repeating: "x", count: 200))
    }

    /// Records donations until the disk fills; returns how many were saved and the error.
    static func fillUp(_ store: KioskStore) throws -> (Int, StoreError?) {
        let donor = try store.registerDonor(Sample.donor(), author: "n1")
        for i in 0..<100_000 {
            do { try store.recordDonation(for: donor, facts(i), author: "n1") } catch { return (i, error) }
        }
        return (100_000, nil)
    }

    @Test func fullDiskGivesAPlainErrorAndKeepsEarlierData() throws {
        let keys = TempDir()
        var directory: String
        var simulated = false
        let fs = TinyFileSystem.mount(kilobytes: 512)
        let fallback = TempDir()
        let store: KioskStore
        if let fs {
            directory = fs.path + "/data"
            store = try KioskStore.open(directory: directory, keyFile: keys.keyFile, deviceName: "h")
        } else {
            // No mount permission: cap the database at 64 pages with max_page_count instead.
            simulated = true
            directory = fallback.path
            store = try KioskStore.open(directory: directory, keyFile: keys.keyFile, deviceName: "h", clock: .system,
                                        staffPolicy: StaffPolicy(), maxPageCount: 64)
        }
        let (saved, error) = try Self.fillUp(store)
        print("full disk (\(simulated ? "max_page_count" : "512k tmpfs")): \(saved) donations saved before: \(error?.description ?? "-")")
        #expect(error?.code == .diskFull)
        #expect(error?.message.hasPrefix("the disk is full") == true)
        #expect(saved > 0)
        try? store.close()
        let reopened = try KioskStore.open(directory: directory, keyFile: keys.keyFile, deviceName: "h")
        #expect(try reopened.integrityCheck() == ["ok"])
        let donor = try #require(try reopened.donor(idNumber: Sample.idA))
        #expect(try reopened.history(of: donor.id).count == saved)
        try reopened.close()
        withExtendedLifetime(fs) {}
    }

    @Test func readOnlyDatabaseGivesAPlainErrorAndKeepsData() throws {
        let keys = TempDir()
        guard let fs = TinyFileSystem.mount(kilobytes: 4096) else {
            // Root ignores chmod, so without mount there is no read-only medium to test on. CI
            // runs as root and must test it: there a missing mount is a failure, not a skip.
            if ProcessInfo.processInfo.environment["CI"]?.isEmpty == false {
                Issue.record("cannot mount a tmpfs, so the read-only disk was not tested")
            } else {
                print("read-only test skipped: cannot mount a tmpfs here")
            }
            return
        }
        let directory = fs.path + "/data"
        let store = try KioskStore.open(directory: directory, keyFile: keys.keyFile, deviceName: "h")
        let donor = try store.registerDonor(Sample.donor(), author: "n1")
        try store.recordDonation(for: donor, Self.facts(1), author: "n1")
        try store.close()
        #expect(fs.remount(readOnly: true))
        let error = #expect(throws: StoreError.self) { try KioskStore.open(directory: directory, keyFile: keys.keyFile, deviceName: "h") }
        #expect(error?.code == .readOnly)
        #expect(error?.message.hasPrefix("the database is read-only") == true)
        #expect(fs.remount(readOnly: false))
        let reopened = try KioskStore.open(directory: directory, keyFile: keys.keyFile, deviceName: "h")
        #expect(try reopened.integrityCheck() == ["ok"])
        #expect(try reopened.history(of: donor).count == 1)
        try reopened.close()
    }

    @Test func backupCopiesALiveStoreAndVerifies() throws {
        let fixture = try Fixture(.onDisk)
        try fixture.store.importDonors(Sample.registry(count: 100), author: "admin")
        try fixture.store.registerDonor(Sample.donor(), author: "v1")
        let target = fixture.dir.path + "/backup.sqlite"
        try fixture.store.backup(to: target)
        let report = try KioskStore.verifyBackup(at: target)
        #expect(report == BackupReport(intact: true, messages: ["ok"], donors: 101, donations: 300, events: 1))
        let missing = #expect(throws: StoreError.self) { try KioskStore.verifyBackup(at: fixture.dir.path + "/none.sqlite") }
        #expect(missing?.code == .notFound)
        let garbage = fixture.dir.path + "/garbage.sqlite"
        _ = FileManager.default.createFile(atPath: garbage, contents: Data(repeating: 0x41, count: 8192))
        let damaged = #expect(throws: StoreError.self) { try KioskStore.verifyBackup(at: garbage) }
        #expect(damaged?.code == .corrupt)
    }
}
