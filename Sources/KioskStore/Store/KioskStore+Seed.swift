import Crypto
import Foundation
import GRDB

/// What a seed file holds: the centre's position it was built at and its size in rows.
public struct SeedFacts: Sendable, Hashable {
    /// The sync cursor: the centre's last event in the file; the first pull asks for what came after.
    public var cursor: String
    public var donors: Int
    public var donations: Int
    public var events: Int

    public init(cursor: String, donors: Int, donations: Int, events: Int) {
        self.cursor = cursor
        self.donors = donors
        self.donations = donations
        self.events = events
    }
}

/// The seed file: the database a new kiosk's bootstrap would make, built once at the centre by
/// the kiosk's own code and adopted by a new kiosk instead of pulling the city page by page
/// (`docs/seed-bootstrap.md`).
extension KioskStore {
    /// The `sync_state` keys that belong to one kiosk, not to the city's data: the new kiosk
    /// makes its own device id, and "last sync" means its own sync, not the builder's.
    static let keysOneKioskOwns = ["device_id", "device_name", SyncKey.lastPush, SyncKey.lastPull, SyncKey.lastError, SyncKey.lastErrorAt]
    /// Tables whose rows belong to one kiosk (its staff, its queue, what it has to send).
    static let tablesOneKioskOwns = ["staff", "queue_tickets", "outbox"]

    /// Writes this store as a seed file at `path` (`VACUUM INTO`: compact, one file, no WAL),
    /// then removes from the copy what belongs to this kiosk. The store itself is unchanged.
    ///
    /// Refused while a bootstrap is under way (the copy would hold half the city without its
    /// search indexes) or when the store has events of its own waiting to be sent.
    public func writeSeed(to path: String) throws(StoreError) -> SeedFacts {
        let ready: String? = try read { db in
            if try SyncState.get(SyncKey.snapshotUpto, in: db) != nil
                || (try Int.fetchOne(db, sql: "SELECT count(*) FROM sync_state WHERE key LIKE 'deferred_index:%'") ?? 0) > 0 {
                return "the download of the city is not finished"
            }
            if try SyncState.get(SyncKey.cursor, in: db) == nil { return "nothing has been downloaded from the centre yet" }
            if (try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE state = 'pending'") ?? 0) > 0 {
                return "the store has events of its own waiting to be sent"
            }
            return nil
        }
        if let ready { throw StoreError(.conflict, "cannot make a seed: \(ready)") }
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError(.conflict, "cannot make a seed: a file is already at \(path)", field: "path")
        }
        do {
            try writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [path]) }
            let copy = try DatabaseQueue(path: path)
            defer { try? copy.close() }
            try copy.write { db in
                for key in Self.keysOneKioskOwns {
                    try db.execute(sql: "DELETE FROM sync_state WHERE key = ?", arguments: [key])
                }
                for table in Self.tablesOneKioskOwns { try db.execute(sql: "DELETE FROM \(table)") }
            }
            return try copy.read { db in try Self.seedFacts(in: db) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw StoreError.from(error)
        }
    }

    /// Checks a downloaded seed before it is put in place: SQLite's `quick_check`, a schema this
    /// build knows (not newer), made for `key` (its key check), and holding no kiosk's own rows.
    public static func inspectSeed(at path: String, key: Data) throws(StoreError) -> SeedFacts {
        guard key.count == KeyFile.keyByteCount else {
            throw StoreError(.keyFile, "the seed's key is not a kiosk key (expected \(KeyFile.keyByteCount) bytes)")
        }
        do {
            let queue = try readOnlyQueue(path)
            defer { try? queue.close() }
            return try queue.read { db in
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard check == ["ok"] else {
                    throw StoreError(.corrupt, "the seed file is damaged (\(check.prefix(3).joined(separator: "; ")))")
                }
                if try StoreSchema.migrator.hasBeenSuperseded(db) {
                    throw StoreError(.conflict, "the seed was made by a newer kiosk version; update this kiosk first")
                }
                let expected = FieldCipher(masterKey: SymmetricKey(data: key)).keyCheck.hexString
                guard try SyncState.get("key_check", in: db) == expected else {
                    throw StoreError(.wrongKey, "the seed's key does not open the seed file")
                }
                guard try SyncState.get("device_id", in: db) == nil,
                      try Int.fetchOne(db, sql: "SELECT count(*) FROM staff") == 0 else {
                    throw StoreError(.conflict, "the file is a kiosk's own database, not a seed")
                }
                return try seedFacts(in: db)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            // "Restore it from a backup" is the store's advice for its own file; a seed is
            // simply downloaded again.
            let failure = StoreError.from(error)
            if failure.code == .corrupt { throw StoreError(.corrupt, "the seed file is damaged (SQLite cannot read it)") }
            throw failure
        }
    }

    /// Writes `key` as the kiosk's master key at `path` (mode 0600 from the first byte). An
    /// existing file is kept only if it holds the same key: a kiosk never loses a key it has.
    public static func installSeedKey(_ key: Data, at path: String) throws(StoreError) {
        try KeyFile.install(key, at: path)
    }

    private static func seedFacts(in db: Database) throws -> SeedFacts {
        guard let cursor = try SyncState.get(SyncKey.cursor, in: db) else {
            throw StoreError(.conflict, "the seed holds no position at the centre")
        }
        return SeedFacts(cursor: cursor,
                         donors: try Int.fetchOne(db, sql: "SELECT count(*) FROM donors") ?? 0,
                         donations: try Int.fetchOne(db, sql: "SELECT count(*) FROM donations") ?? 0,
                         events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0)
    }
}
