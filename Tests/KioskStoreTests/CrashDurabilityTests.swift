import DonorCore
import Foundation
import KioskStore
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A small seeded generator so a failing kill schedule can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Durability under kill -9")
struct CrashDurabilityTests {
    static let kills = 200

    /// A writer in a child process records donations and prints each id after its commit; we
    /// SIGKILL it at a seeded random moment, 200 times. After each kill the database opens,
    /// passes integrity_check, and holds every donation the writer reported.
    @Test(.timeLimit(.minutes(2)))
    func everyReportedCommitSurvivesSIGKILL() throws {
        let dir = TempDir()
        let seed = UInt64(ProcessInfo.processInfo.environment["KIOSK_CRASH_SEED"] ?? "") ?? 20_260_601
        var rng = SplitMix64(state: seed)
        var reported = Set<String>()
        let writer = ProductBinary.path("kiosk-store-crashwriter")
        try #require(FileManager.default.isExecutableFile(atPath: writer), "build the kiosk-store-crashwriter product first")
        let started = ContinuousClock.now
        for round in 0..<Self.kills {
            let outPath = dir.path + "/out-\(round).txt"
            _ = FileManager.default.createFile(atPath: outPath, contents: nil)
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: writer)
            process.arguments = [dir.path + "/data", dir.keyFile]
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Between 0 and 80 ms: some kills land while the store opens or migrates, most
            // in the middle of a donation's transaction or its fsync.
            usleep(UInt32.random(in: 0...80_000, using: &rng))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try out.close()
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self)
            // Only whole lines were reported; a torn last line (impossible with one write(2)) is ignored.
            let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
            let complete = text.hasSuffix("\n") ? lines : lines.dropLast()
            reported.formUnion(complete.map(String.init))

            let store = try KioskStore.open(directory: dir.path + "/data", keyFile: dir.keyFile, deviceName: "checker")
            #expect(try store.integrityCheck() == ["ok"], "round \(round), seed \(seed)")
            if let donor = try store.donor(idNumber: "11010519491231002X") {
                let stored = Set(try store.history(of: donor.id).map(\.id))
                let missing = reported.subtracting(stored)
                #expect(missing.isEmpty, "round \(round), seed \(seed): \(missing.count) reported donations lost")
            } else {
                #expect(reported.isEmpty, "round \(round): the donor vanished")
            }
            try store.close()
        }
        print("crash test: \(Self.kills) kills, \(reported.count) committed donations checked in \(ContinuousClock.now - started)")
        #expect(reported.count > Self.kills, "the writer should commit several donations per round on average")
    }
}
