import Foundation
import GRDB

// The bootstrap of a new kiosk applies the centre's whole city (millions of events) page by
// page. Each page stays one transaction with its position, as every pull; what changes while a
// snapshot is under way is the cost of each commit.

extension KioskStore {
    /// The page cache (KiB) while snapshot pages are applied, as for a registry import: millions
    /// of random keys (event ids, donor and donation uids, blind indexes) go into B-trees, and
    /// with SQLite's default 2 MB most inserts miss and dirty pages spill to the WAL mid-page.
    static let bootstrapCacheKiB = 262_144
    /// SQLite's default page cache (KiB), which every other pull runs with.
    static let defaultCacheKiB = 2_000

    /// The secondary indexes a bootstrap drops at its first page and builds once at its last.
    /// Maintained through millions of inserts in random key order (donor uids, blind indexes),
    /// each dirties pages all over its B-tree on every page's commit; built once at the end,
    /// SQLite sorts the keys and writes each page once. None of them serves a lookup that
    /// applying a page makes (those go through the unique keys, which stay); the screens'
    /// searches scan the tables meanwhile, on a kiosk that is still being set up.
    static let indexesBuiltAfterBootstrap = [
        "events_by_donor", "donors_by_id_blind", "donors_by_phone_blind", "donors_by_name",
        "donations_by_donor", "deferrals_by_donor", "card_activations_by_donor",
    ]
    /// Where a dropped index's CREATE statement is kept (`sync_state`) until it is built again.
    static let deferredIndexKey = "deferred_index:"

    /// Runs `body` in one write transaction for a page of the bootstrap snapshot, committed
    /// without an fsync (`synchronous = NORMAL` in WAL mode) and with the bootstrap's page cache.
    ///
    /// Why that is safe: in WAL mode a NORMAL commit is still atomic and survives the process
    /// being killed (the WAL is written before COMMIT returns); only a power cut can drop it,
    /// and then only the newest such pages, each with the position saved in its transaction, so
    /// the bootstrap resumes from an earlier page and pulls the dropped ones again (the centre
    /// still has them). Any later FULL commit (a volunteer's donation, the last page) fsyncs the
    /// WAL up to itself, these pages included, so nothing durable ever sits on a lost page.
    func writeSnapshotPage<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                // `synchronous` cannot change inside a transaction, hence outside `write`.
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -\(Self.bootstrapCacheKiB)")
                defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
                var result: T?
                try db.inTransaction(.immediate) {
                    try Self.deferIndexes(in: db)
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError(.database, "a snapshot page was not applied") }
                return result
            }
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Drops the indexes of `indexesBuiltAfterBootstrap` that exist, keeping each one's CREATE
    /// statement in `sync_state`, in the caller's transaction (so a crash leaves both or neither).
    static func deferIndexes(in db: Database) throws {
        for name in Self.indexesBuiltAfterBootstrap {
            guard let sql = try String.fetchOne(db.cachedStatement(sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?"),
                                                arguments: [name]) else { continue }
            try SyncState.set(Self.deferredIndexKey + name, sql, in: db)
            try db.execute(sql: "DROP INDEX \(name)")
        }
    }

    /// Builds again every index a bootstrap dropped, in the caller's transaction: any pull
    /// that is not a snapshot page, so first of all the page that ends the bootstrap. The time
    /// it took goes to the audit trail: the last page of a large bootstrap holds the writer
    /// while it builds them (an IT person may ask why the kiosk paused at the end of the download).
    func restoreDeferredIndexes(in db: Database) throws {
        let deferred = try Row.fetchAll(db, sql: "SELECT key, value FROM sync_state WHERE key GLOB ?", arguments: [Self.deferredIndexKey + "*"])
        guard !deferred.isEmpty else { return }
        let clock = ContinuousClock(), start = clock.now
        for row in deferred {
            let key: String = row["key"], sql: String = row["value"]
            try db.execute(sql: sql)
            try SyncState.set(key, optional: nil, in: db)
        }
        let seconds = start.duration(to: clock.now) / .seconds(1)
        try audit(actor: "sync", action: "sync.indexes_built", subject: nil,
                  detail: "\(deferred.count) search indexes built in \(String(format: "%.1f", seconds)) s", in: db)
    }
}
