import GRDB

/// The SQLite schema, one migration per change; `PostgresSchema` mirrors it table for table.
enum SQLiteSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE houses (id TEXT PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL,
                    created_at INTEGER NOT NULL, last_sync_at INTEGER);
                CREATE TABLE enroll_tokens (hash TEXT PRIMARY KEY, house TEXT NOT NULL REFERENCES houses(id),
                    created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
                CREATE TABLE devices (id TEXT PRIMARY KEY, house TEXT NOT NULL REFERENCES houses(id), name TEXT NOT NULL,
                    secret_hash TEXT NOT NULL, signing_key TEXT, created_at INTEGER NOT NULL, revoked_at INTEGER);
                CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, house TEXT NOT NULL,
                    device TEXT NOT NULL, author TEXT NOT NULL, hlc TEXT NOT NULL, donor_key TEXT, payload TEXT NOT NULL,
                    city TEXT NOT NULL, received_at INTEGER NOT NULL);
                CREATE INDEX events_city_seq ON events(city, seq);
                CREATE INDEX events_donor ON events(donor_key);
                CREATE INDEX events_kind ON events(kind);
                CREATE TABLE quarantine (event_id TEXT PRIMARY KEY, house TEXT NOT NULL, device TEXT NOT NULL, kind TEXT NOT NULL,
                    code TEXT NOT NULL, message TEXT NOT NULL, body TEXT NOT NULL, received_at INTEGER NOT NULL);
                CREATE TABLE donors (key TEXT PRIMARY KEY, id_hash TEXT NOT NULL, house TEXT NOT NULL, registered_hlc TEXT NOT NULL,
                    registration_event TEXT NOT NULL, merged_into TEXT);
                CREATE INDEX donors_id_hash ON donors(id_hash);
                CREATE INDEX donors_merged ON donors(merged_into);
                CREATE TABLE flags (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, donor_key TEXT NOT NULL,
                    event_ids TEXT NOT NULL, message TEXT NOT NULL, created_at INTEGER NOT NULL);
                CREATE TABLE certificates (activation_id TEXT PRIMARY KEY, donor_key TEXT NOT NULL, pseudonym TEXT NOT NULL,
                    card TEXT NOT NULL, tier TEXT, valid_through TEXT, issued_at TEXT NOT NULL, key_id TEXT NOT NULL,
                    hlc TEXT NOT NULL, revoked BOOLEAN NOT NULL DEFAULT 0);
                CREATE INDEX certificates_pseudonym ON certificates(pseudonym);
                """)
        }
        return migrator
    }
}
