import GRDB

/// The store's tables, as migrations. Never edit a shipped migration: add a new one.
///
/// Layout:
/// - `donors`, `donations`, `deferrals`, `answers`, `vitals`, `card_activations`: the current
///   state, derived from events (and from the registry import), indexed for the screens.
/// - `events`: the append-only log, the source of truth; triggers forbid UPDATE and DELETE.
/// - `outbox`: which events still have to reach the central server.
/// - `staff`, `audit`, `sync_state`, `policy_versions`.
/// - v2 (`SyncSchema`): the house an event came from, revoked cards, per-field profile clocks.
/// - v3 (`QueueSchema`): the day's queue tickets, projected from `queue.ticketed` events.
/// - v4 (`ReviewSchema`): the centre's review flags and rejection codes on the outbox.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 core tables") { db in
            try createState(db)
            try createDonors(db)
            try createFacts(db)
            try createLog(db)
            try createStaff(db)
        }
        migrator.registerMigration("v2 sync with the centre") { db in
            try SyncSchema.create(db)
        }
        migrator.registerMigration("v3 queue tickets") { db in
            try QueueSchema.create(db)
        }
        migrator.registerMigration("v4 centre review") { db in
            try ReviewSchema.create(db)
        }
        return migrator
    }

    private static func createState(_ db: Database) throws {
        // Key–value: device_id, device_name, hlc (last issued), key_check, sync_cursor.
        try db.execute(sql: """
            CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
            CREATE TABLE policy_versions (
                reference TEXT PRIMARY KEY NOT NULL,
                policy_id TEXT NOT NULL,
                version TEXT NOT NULL,
                effective_from TEXT NOT NULL,
                adopted_ms INTEGER NOT NULL
            );
            """)
    }

    private static func createDonors(_ db: Database) throws {
        // id_number and phone are AES-GCM sealed; *_blind are keyed HMACs for exact lookup.
        // Names stay clear so a volunteer can search by them. merged_into points at the donor
        // this one was merged into (a donor.merged event); histories of a merge tree read as one.
        try db.execute(sql: """
            CREATE TABLE donors (
                row INTEGER PRIMARY KEY,
                uid TEXT NOT NULL UNIQUE,
                id_blind BLOB NOT NULL,
                id_number BLOB NOT NULL,
                document_type TEXT NOT NULL,
                name TEXT NOT NULL CONSTRAINT donor_name CHECK (length(name) > 0),
                sex TEXT NOT NULL CONSTRAINT donor_sex CHECK (sex IN ('male', 'female')),
                birth_date TEXT NOT NULL CONSTRAINT donor_birth_date CHECK (length(birth_date) = 10),
                phone_blind BLOB,
                phone BLOB,
                blood_type TEXT,
                merged_into INTEGER REFERENCES donors(row),
                origin TEXT NOT NULL CONSTRAINT donor_origin CHECK (origin IN ('registry', 'kiosk'))
            );
            CREATE INDEX donors_by_id_blind ON donors(id_blind);
            CREATE INDEX donors_by_phone_blind ON donors(phone_blind) WHERE phone_blind IS NOT NULL;
            CREATE INDEX donors_by_name ON donors(name, birth_date);
            CREATE INDEX donors_by_merged_into ON donors(merged_into) WHERE merged_into IS NOT NULL;
            """)
    }

    private static func createFacts(_ db: Database) throws {
        // uid: the recording event's id (kiosk) or the registry's donation id.
        // A bag number is never reused (DOMAIN.md §6): a partial unique index enforces it.
        try db.execute(sql: """
            CREATE TABLE donations (
                row INTEGER PRIMARY KEY,
                uid TEXT NOT NULL UNIQUE,
                donor INTEGER NOT NULL REFERENCES donors(row),
                date TEXT NOT NULL CONSTRAINT donation_date CHECK (length(date) = 10),
                kind TEXT NOT NULL CONSTRAINT donation_kind
                    CHECK (kind IN ('whole_blood', 'platelets', 'plasma', 'stem_cell')),
                volume_ml INTEGER,
                doses INTEGER,
                outcome TEXT NOT NULL CONSTRAINT donation_outcome
                    CHECK (outcome IN ('complete', 'low_volume', 'not_drawn', 'aborted')),
                region TEXT,
                reaction TEXT,
                bag_number TEXT,
                voided INTEGER NOT NULL DEFAULT 0,
                origin TEXT NOT NULL CHECK (origin IN ('registry', 'kiosk'))
            );
            CREATE INDEX donations_by_donor ON donations(donor, date);
            CREATE UNIQUE INDEX donations_by_bag ON donations(bag_number) WHERE bag_number IS NOT NULL;
            CREATE TABLE deferrals (
                row INTEGER PRIMARY KEY,
                uid TEXT NOT NULL UNIQUE,
                donor INTEGER NOT NULL REFERENCES donors(row),
                rule TEXT NOT NULL,
                source TEXT NOT NULL CHECK (source IN ('lab', 'staff', 'questionnaire')),
                from_date TEXT NOT NULL,
                until_date TEXT,
                lifted INTEGER NOT NULL DEFAULT 0,
                origin TEXT NOT NULL CHECK (origin IN ('registry', 'kiosk'))
            );
            CREATE INDEX deferrals_by_donor ON deferrals(donor);
            CREATE TABLE answers (
                row INTEGER PRIMARY KEY,
                donor INTEGER NOT NULL REFERENCES donors(row),
                date TEXT NOT NULL,
                sealed BLOB NOT NULL,
                event TEXT NOT NULL
            );
            CREATE INDEX answers_by_donor ON answers(donor, date);
            CREATE TABLE vitals (
                row INTEGER PRIMARY KEY,
                donor INTEGER NOT NULL REFERENCES donors(row),
                date TEXT NOT NULL,
                sealed BLOB NOT NULL,
                event TEXT NOT NULL
            );
            CREATE INDEX vitals_by_donor ON vitals(donor, date);
            CREATE TABLE card_activations (
                row INTEGER PRIMARY KEY,
                donor INTEGER NOT NULL REFERENCES donors(row),
                card TEXT NOT NULL CHECK (card IN ('annual', 'honour')),
                date TEXT NOT NULL,
                valid_through TEXT,
                tier TEXT,
                policy TEXT NOT NULL,
                event TEXT NOT NULL
            );
            CREATE INDEX card_activations_by_donor ON card_activations(donor, date);
            """)
    }

    private static func createLog(_ db: Database) throws {
        // payload is JSON, AES-GCM sealed when `sealed` = 1 (sensitive kinds). The triggers
        // make the log append-only even for code that forgets the rule.
        try db.execute(sql: """
            CREATE TABLE events (
                row INTEGER PRIMARY KEY,
                id TEXT NOT NULL UNIQUE,
                kind TEXT NOT NULL,
                hlc TEXT NOT NULL,
                author TEXT NOT NULL,
                device TEXT NOT NULL,
                donor TEXT,
                sealed INTEGER NOT NULL,
                payload BLOB NOT NULL
            );
            CREATE INDEX events_by_donor ON events(donor, hlc);
            CREATE TRIGGER events_no_update BEFORE UPDATE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            CREATE TRIGGER events_no_delete BEFORE DELETE ON events
                BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
            CREATE TABLE outbox (
                event INTEGER PRIMARY KEY REFERENCES events(row),
                state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'rejected')),
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                updated_ms INTEGER NOT NULL
            );
            CREATE INDEX outbox_pending ON outbox(event) WHERE state = 'pending';
            CREATE TABLE audit (
                row INTEGER PRIMARY KEY,
                at_ms INTEGER NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT,
                outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'failed')),
                detail TEXT
            );
            CREATE INDEX audit_by_actor ON audit(actor, at_ms);
            CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
                BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """)
    }

    private static func createStaff(_ db: Database) throws {
        // The PIN is never stored: only its scrypt hash, salt and cost parameters.
        try db.execute(sql: """
            CREATE TABLE staff (
                number TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('volunteer', 'nurse', 'supervisor')),
                pin_hash BLOB NOT NULL,
                pin_salt BLOB NOT NULL,
                scrypt_n INTEGER NOT NULL,
                scrypt_r INTEGER NOT NULL,
                scrypt_p INTEGER NOT NULL,
                failed_attempts INTEGER NOT NULL DEFAULT 0,
                locked_until_ms INTEGER NOT NULL DEFAULT 0,
                active INTEGER NOT NULL DEFAULT 1
            );
            """)
    }
}
