import GRDB

/// The tables and columns the sync with the centre adds (migration "v2 sync with the centre").
enum SyncSchema {
    static func create(_ db: Database) throws {
        // events.house: the house an event pulled from the centre was made at (`central` for
        // the centre's own merges and lab deferrals); NULL for this kiosk's own events.
        // card_activations.revoked: set by a `card.revoked` from the centre.
        // donor_fields: the HLC of the last write to each profile field a `donor.updated`
        // changed (last writer wins per field); absent means the registration's time.
        try db.execute(sql: """
            ALTER TABLE events ADD COLUMN house TEXT;
            ALTER TABLE card_activations ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE donor_fields (
                donor INTEGER NOT NULL REFERENCES donors(row),
                field TEXT NOT NULL CHECK (field IN ('name', 'phone', 'blood_type')),
                hlc TEXT NOT NULL,
                PRIMARY KEY (donor, field)
            ) WITHOUT ROWID;
            CREATE INDEX card_activations_by_event ON card_activations(event);
            """)
    }
}
