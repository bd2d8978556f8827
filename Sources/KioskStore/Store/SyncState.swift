import GRDB

/// The `sync_state` key–value table: device id, last HLC time, key check, sync cursor, and the
/// sync's bookkeeping (bootstrap progress, last push and pull, last error).
enum SyncState {
    static func get(_ key: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM sync_state WHERE key = ?"), arguments: [key])
    }

    static func set(_ key: String, _ value: String, in db: Database) throws {
        try db.cachedStatement(sql: "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .execute(arguments: [key, value])
    }

    /// Sets `key` to `value`, or removes it when `value` is nil.
    static func set(_ key: String, optional value: String?, in db: Database) throws {
        if let value {
            try set(key, value, in: db)
        } else {
            try db.cachedStatement(sql: "DELETE FROM sync_state WHERE key = ?").execute(arguments: [key])
        }
    }
}
