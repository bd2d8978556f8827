import DonorCore
import Foundation
@testable import KioskStore
import GRDB
import Testing

/// Scale measurements, off by default (minutes at full size). Run in release:
/// `KIOSK_STORE_PERF=1000000 swift test -c release -Xswiftc -enable-testing --filter PerformanceTests`
/// (the number is the donor count; three donations each).
@Suite("Performance at city scale", .enabled(if: ProcessInfo.processInfo.environment["KIOSK_STORE_PERF"] != nil))
struct PerformanceTests {
    static let donors = Int(ProcessInfo.processInfo.environment["KIOSK_STORE_PERF"] ?? "") ?? 100_000
    static let chunk = 100_000

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    static func p99(_ samples: [Duration]) -> Double {
        let sorted = samples.sorted()
        return seconds(sorted[min(sorted.count - 1, sorted.count * 99 / 100)]) * 1000
    }

    /// The baseline: the same rows, plain text, into two bare tables with rowid keys, through
    /// prepared statements in one transaction per chunk.
    static func rawInsert(path: String) throws -> Duration {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE donors (row INTEGER PRIMARY KEY, id_number TEXT, name TEXT, sex TEXT, birth_date TEXT, phone TEXT);
                CREATE TABLE donations (row INTEGER PRIMARY KEY, donor INTEGER, date TEXT, kind TEXT, volume_ml INTEGER);
                """)
        }
        var total = Duration.zero
        for start in stride(from: 0, to: donors, by: chunk) {
            let registry = Sample.registry(count: min(chunk, donors - start), from: start)
            let began = ContinuousClock.now
            try queue.write { db in
                let d = try BulkStatement(db, sql: "INSERT INTO donors (id_number, name, sex, birth_date, phone) VALUES (?, ?, ?, ?, ?)")
                let n = try BulkStatement(db, sql: "INSERT INTO donations (donor, date, kind, volume_ml) VALUES (?, ?, ?, ?)")
                for donor in registry {
                    d.bind(1, donor.idNumber); d.bind(2, donor.name); d.bind(3, donor.sex.rawValue)
                    d.bind(4, donor.birthDate.iso); d.bind(5, donor.phone)
                    try d.step(context: "raw")
                    let row = db.lastInsertedRowID
                    for donation in donor.history {
                        n.bind(1, row); n.bind(2, donation.date.iso); n.bind(3, donation.kind.rawValue)
                        n.bind(4, donation.volumeML.map(Int64.init))
                        try n.step(context: "raw")
                    }
                }
            }
            total += ContinuousClock.now - began
        }
        return total
    }

    @Test func importLookupAndSummaryAtScale() throws {
        let dir = TempDir()
        let raw = try Self.rawInsert(path: dir.path + "/raw.sqlite")
        let store = try KioskStore.open(directory: dir.path + "/store", keyFile: dir.keyFile, deviceName: "perf")
        var imported = Duration.zero
        for start in stride(from: 0, to: Self.donors, by: Self.chunk) {
            let registry = Sample.registry(count: min(Self.chunk, Self.donors - start), from: start)
            let began = ContinuousClock.now
            try store.importDonors(registry, author: "perf")
            imported += ContinuousClock.now - began
        }
        let rawRate = Double(Self.donors) / Self.seconds(raw)
        let storeRate = Double(Self.donors) / Self.seconds(imported)
        print(String(format: "import %d donors + %d donations: raw %.1f s (%.0f donors/s), store %.1f s (%.0f donors/s) = %.0f%% of raw",
                     Self.donors, 3 * Self.donors, Self.seconds(raw), rawRate, Self.seconds(imported), storeRate, 100 * storeRate / rawRate))

        var rng = SplitMix64(state: 42)
        var lookups: [Duration] = [], summaries: [Duration] = []
        for _ in 0..<2000 {
            let i = Int.random(in: 0..<Self.donors, using: &rng)
            let number = String(format: "%017d", 110_105_000_000_000 + i) + "X"
            var began = ContinuousClock.now
            let donor = try #require(try store.donor(idNumber: number))
            lookups.append(ContinuousClock.now - began)
            began = ContinuousClock.now
            let file = try store.file(of: donor.id)
            let card = CardStatus(history: file.history, on: date("2026-06-01"), policy: TestPolicy.taiyuan)
            let decision = EligibilityEngine.decide(file.eligibilityInput(procedure: .wholeBlood, date: date("2026-06-01")),
                                                    policy: TestPolicy.taiyuan)
            summaries.append(ContinuousClock.now - began)
            #expect(file.history.count == 3)
            _ = (card, decision)
        }
        print(String(format: "ID lookup p99 %.3f ms; donor summary (file + card + eligibility) p99 %.3f ms",
                     Self.p99(lookups), Self.p99(summaries)))
        #expect(Self.p99(lookups) < 1)
        #expect(Self.p99(summaries) < 5)
    }
}

/// The shipped Taiyuan policy, loaded once.
enum TestPolicy {
    static let taiyuan: Policy = {
        var url = URL(fileURLWithPath: #filePath)
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { url.deleteLastPathComponent() }
        return try! PolicyLoader.load(path: url.appendingPathComponent("assets/policy/taiyuan.toml").path)
    }()
}
