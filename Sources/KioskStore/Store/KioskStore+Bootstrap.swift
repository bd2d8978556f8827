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
}
