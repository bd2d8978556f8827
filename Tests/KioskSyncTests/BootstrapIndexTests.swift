import DonorCore
import Foundation
import GRDB
import KioskStore
import KioskSync
import SyncWire
import Testing

/// A bootstrap drops the secondary indexes at its first snapshot page and builds them once at
/// its last (`KioskStore.indexesBuiltAfterBootstrap`): the store must come out with exactly the
/// schema it went in with, answer the screens' look-ups in between, and survive a restart
/// mid-way.
@Suite("Indexes built after the bootstrap")
struct BootstrapIndexTests {
    /// What `deferIndexes` drops, as this test expects it: a change to the list must be seen here.
    static let deferred: Set<String> = [
        "events_by_donor", "donors_by_id_blind", "donors_by_phone_blind", "donors_by_name",
        "donations_by_donor", "deferrals_by_donor", "card_activations_by_donor",
    ]

    @Test func theFirstSnapshotPageDropsThemAndTheLastBuildsThemAgain() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let before = try indexes(of: store)
        #expect(Self.deferred.isSubset(of: Set(before.keys)))

        var house = RemoteHouse(house: "house-2")
        let first = [try house.register("d1", idNumber: "110105199002150023", name: "李华"),
                     try house.donation("g1", donor: "d1", on: "2026-05-01")]
        _ = try await store.apply(page(first), position: bootstrapping(after: 2))
        let during = try indexes(of: store)
        #expect(Set(during.keys) == Set(before.keys).subtracting(Self.deferred))
        #expect(try keptStatements(of: store) == before.filter { Self.deferred.contains($0.key) })
        // The screens still find the donor, by a scan while the index is away.
        #expect(try store.donor(idNumber: "110105199002150023")?.id == DonorID("d1"))
        #expect(try store.search(namePrefix: "李").map(\.id) == [DonorID("d1")])
        #expect(try store.history(of: DonorID("d1")).map(\.id) == ["g1"])

        // A middle page finds nothing left to drop and changes nothing.
        let middle = [try house.register("d2", idNumber: "110105199003070015", name: "张伟")]
        _ = try await store.apply(page(middle, from: 3), position: bootstrapping(after: 3))
        #expect(try indexes(of: store) == during)
        #expect(try store.audit(action: "sync.indexes_built").isEmpty)

        let last = [try house.donation("g2", donor: "d2", on: "2026-05-02")]
        _ = try await store.apply(page(last, from: 4), position: SyncPosition(cursor: "4"))
        #expect(try indexes(of: store) == before)
        #expect(try keptStatements(of: store).isEmpty)
        // The pause at the end of the download is in the audit trail, for whoever set the kiosk up.
        let built = try store.audit(action: "sync.indexes_built")
        #expect(built.count == 1)
        #expect(built.first?.detail?.hasPrefix("7 search indexes built in ") == true, "\(built)")
        #expect(try store.donor(idNumber: "110105199003070015")?.id == DonorID("d2"))
        #expect(try plan(of: store, "SELECT row FROM donors WHERE id_blind = x'00'").contains("donors_by_id_blind"))
    }

    @Test func aKioskRestartedMidBootstrapResumesAndEndsWithEveryIndex() async throws {
        let fixture = try SyncFixture()
        let before = try indexes(of: fixture.store)
        var house = RemoteHouse(house: "house-2")
        _ = try await fixture.store.apply(page([try house.register("d1", idNumber: "110105199002150023")]),
                                          position: bootstrapping(after: 1))
        try fixture.store.close()

        let reopened = try KioskStore.open(directory: fixture.dataDirectory, keyFile: fixture.keyFile, deviceName: "house-1")
        #expect(try await reopened.position() == bootstrapping(after: 1))
        #expect(Set(try indexes(of: reopened).keys) == Set(before.keys).subtracting(Self.deferred))
        _ = try await reopened.apply(page([try house.donation("g1", donor: "d1", on: "2026-05-01")], from: 2),
                                     position: SyncPosition(cursor: "2"))
        #expect(try indexes(of: reopened) == before)
        #expect(try reopened.integrityCheck() == ["ok"])
        try reopened.close()
    }

    @Test func aPageAppliedTwiceAddsNothingTheSecondTime() async throws {
        let fixture = try SyncFixture()
        var house = RemoteHouse(house: "house-2")
        let events = page([try house.register("d1", idNumber: "110105199002150023"),
                           try house.donation("g1", donor: "d1", on: "2026-05-01")])
        let first = try await fixture.store.apply(events, position: bootstrapping(after: 2))
        let again = try await fixture.store.apply(events, position: SyncPosition(cursor: "2"))
        #expect(first.appliedCount == 2)
        #expect(again.appliedCount == 0)
        #expect(again.changedDonors.isEmpty)
        #expect(try fixture.store.counts().donations == 1)
    }

    private func bootstrapping(after: Int) -> SyncPosition {
        SyncPosition(cursor: nil, snapshot: SnapshotProgress(upto: "4", after: String(after), applied: after))
    }

    /// The store's own indexes (not SQLite's automatic ones), by name, with their statements.
    private func indexes(of store: KioskStore) throws -> [String: String] {
        try reading(store) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["name"], $0["sql"]) })
        }
    }

    /// The statements of the dropped indexes that the store keeps to build them again.
    private func keptStatements(of store: KioskStore) throws -> [String: String] {
        try reading(store) { db in
            let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM sync_state WHERE key GLOB 'deferred_index:*'")
            return Dictionary(uniqueKeysWithValues: rows.map { row in
                (String((row["key"] as String).dropFirst("deferred_index:".count)), row["value"])
            })
        }
    }

    private func plan(of store: KioskStore, _ sql: String) throws -> String {
        try reading(store) { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
        }
    }

    /// A second, read-only connection to the store's file (WAL lets it read beside the store).
    private func reading<T>(_ store: KioskStore, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: try #require(store.databasePath), configuration: configuration)
        defer { try? queue.close() }
        return try queue.read(body)
    }
}
