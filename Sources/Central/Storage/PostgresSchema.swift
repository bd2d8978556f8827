/// The PostgreSQL schema, mirroring `SQLiteSchema` table for table. Each entry is one migration
/// (a list of statements, since the extended protocol runs one statement at a time).
enum PostgresSchema {
    static let migrations: [[String]] = [
        [
            "CREATE TABLE houses (id TEXT PRIMARY KEY, name TEXT NOT NULL, city TEXT NOT NULL, created_at BIGINT NOT NULL, last_sync_at BIGINT)",
            """
            CREATE TABLE enroll_tokens (hash TEXT PRIMARY KEY, house TEXT NOT NULL REFERENCES houses(id),
                created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT)
            """,
            """
            CREATE TABLE devices (id TEXT PRIMARY KEY, house TEXT NOT NULL REFERENCES houses(id), name TEXT NOT NULL,
                secret_hash TEXT NOT NULL, signing_key TEXT, created_at BIGINT NOT NULL, revoked_at BIGINT)
            """,
            """
            CREATE TABLE events (seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, house TEXT NOT NULL,
                device TEXT NOT NULL, author TEXT NOT NULL, hlc TEXT NOT NULL, donor_key TEXT, payload TEXT NOT NULL,
                city TEXT NOT NULL, received_at BIGINT NOT NULL)
            """,
            "CREATE INDEX events_city_seq ON events(city, seq)",
            "CREATE INDEX events_donor ON events(donor_key)",
            "CREATE INDEX events_kind ON events(kind)",
            """
            CREATE TABLE quarantine (event_id TEXT PRIMARY KEY, house TEXT NOT NULL, device TEXT NOT NULL, kind TEXT NOT NULL,
                code TEXT NOT NULL, message TEXT NOT NULL, body TEXT NOT NULL, received_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE donors (key TEXT PRIMARY KEY, id_hash TEXT NOT NULL, house TEXT NOT NULL, registered_hlc TEXT NOT NULL,
                registration_event TEXT NOT NULL, merged_into TEXT)
            """,
            "CREATE INDEX donors_id_hash ON donors(id_hash)",
            "CREATE INDEX donors_merged ON donors(merged_into)",
            """
            CREATE TABLE flags (id BIGSERIAL PRIMARY KEY, kind TEXT NOT NULL, donor_key TEXT NOT NULL, event_ids TEXT NOT NULL,
                message TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE certificates (activation_id TEXT PRIMARY KEY, donor_key TEXT NOT NULL, pseudonym TEXT NOT NULL,
                card TEXT NOT NULL, tier TEXT, valid_through TEXT, issued_at TEXT NOT NULL, key_id TEXT NOT NULL,
                hlc TEXT NOT NULL, revoked BOOLEAN NOT NULL DEFAULT FALSE)
            """,
            "CREATE INDEX certificates_pseudonym ON certificates(pseudonym)",
        ],
    ]
}
