import Foundation
import KioskStore
import KioskTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Applying pages under kill -9")
struct ApplyCrashTests {
    static let kills = 60
    static let pageSize = 10

    /// A child process applies the centre's pages (10 registrations each, cursor = page
    /// number) and prints each cursor after its commit; once it has committed one, we SIGKILL
    /// it at a seeded random moment, 60 times. After each kill the log holds exactly 10 × cursor pulled events, so
    /// every page is there with its cursor or neither is, and no reported cursor was lost.
    @Test(.timeLimit(.minutes(2)))
    func aKilledApplyLeavesThePageWithItsCursorOrNeither() throws {
        let directory = NSTemporaryDirectory() + "kiosk-apply-crash-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let data = directory + "/data", key = directory + "/kiosk.key"
        let writer = ProductBinary.path("kiosk-store-crashwriter")
        try #require(FileManager.default.isExecutableFile(atPath: writer), "build the kiosk-store-crashwriter product first")
        var seed = UInt64(ProcessInfo.processInfo.environment["KIOSK_CRASH_SEED"] ?? "") ?? 20_260_602
        var highestReported = 0
        var kills = 0
        for round in 0..<Self.kills {
            let outPath = directory + "/out-\(round).txt"
            _ = FileManager.default.createFile(atPath: outPath, contents: nil)
            let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: writer)
            process.arguments = ["--apply", data, key]
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            // The kill lands while pages are being applied, not while the process starts (which
            // takes longer than the whole delay on a loaded machine): wait for its first commit.
            let started = Date()
            while (try? FileManager.default.attributesOfItem(atPath: outPath)[.size] as? Int) ?? 0 == 0,
                  process.isRunning, Date().timeIntervalSince(started) < 20 {
                usleep(2_000)
            }
            // A linear congruential step: the schedule replays from the seed.
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            usleep(UInt32((seed >> 33) % 120_000))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }
            try out.close()
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: outPath)), as: UTF8.self)
            let lines = text.split(separator: "\n").map(String.init)
            let complete = text.hasSuffix("\n") ? lines : Array(lines.dropLast())
            highestReported = max(highestReported, complete.compactMap { Int($0) }.max() ?? 0)

            let store = try KioskStore.open(directory: data, keyFile: key, deviceName: "checker")
            #expect(try store.integrityCheck() == ["ok"], "round \(round)")
            let cursor = Int(try store.pullMark().cursor ?? "0") ?? -1
            let counts = try store.counts()
            #expect(counts.events == Self.pageSize * cursor, "round \(round): cursor \(cursor) with \(counts.events) events")
            #expect(counts.donors == Self.pageSize * cursor, "round \(round)")
            #expect(cursor >= highestReported, "round \(round): page \(highestReported) was reported committed, cursor is \(cursor)")
            try store.close()
        }
        print("apply crash test: \(kills) kills, \(highestReported) pages committed")
        #expect(kills == Self.kills)
        #expect(highestReported > Self.kills, "the applier should commit several pages per round on average")
    }
}
