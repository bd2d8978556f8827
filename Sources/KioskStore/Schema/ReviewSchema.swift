import GRDB

/// What the centre said about this kiosk's events beyond "accepted" (migration "v4 centre
/// review"), so a supervisor can see the events the centre refused or flagged for review.
enum ReviewSchema {
    static func create(_ db: Database) throws {
        // outbox.review_flags: the centre's review flags of an accepted event (e.g.
        // "interval_conflict"), one code a line; NULL when it raised none. Kept when a resend
        // comes back "duplicate" without flags.
        // outbox.rejection_code: the centre's code for a rejected event (`last_error` keeps
        // "code: message"); rows rejected before this migration get it from `last_error`.
        // Two partial indexes: the header reads both counts every few seconds, and the
        // supervisor's list reads the union.
        try db.execute(sql: """
            ALTER TABLE outbox ADD COLUMN review_flags TEXT;
            ALTER TABLE outbox ADD COLUMN rejection_code TEXT;
            UPDATE outbox SET rejection_code = substr(last_error, 1, instr(last_error, ': ') - 1)
                WHERE state = 'rejected' AND instr(last_error, ': ') > 1;
            CREATE INDEX outbox_rejected ON outbox(event) WHERE state = 'rejected';
            CREATE INDEX outbox_flagged ON outbox(event) WHERE review_flags IS NOT NULL;
            """)
    }
}
