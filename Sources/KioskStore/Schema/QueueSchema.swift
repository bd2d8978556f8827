import GRDB

/// The queue's projection (migration "v3 queue tickets"): one row per `queue.ticketed` event,
/// written in the same transaction, so the day's queue is read by date without decoding the
/// log. Additive: older stores gain an empty table (their queue lived in the audit trail).
enum QueueSchema {
    static func create(_ db: Database) throws {
        // donor: the donor's uid as the event names it; procedure NULL for a self-service arrival.
        try db.execute(sql: """
            CREATE TABLE queue_tickets (
                row INTEGER PRIMARY KEY,
                date TEXT NOT NULL CONSTRAINT queue_date CHECK (length(date) = 10),
                number INTEGER NOT NULL CONSTRAINT queue_number CHECK (number >= 1),
                donor TEXT NOT NULL,
                procedure TEXT,
                stage TEXT NOT NULL CHECK (stage IN ('arrived', 'waiting')),
                event TEXT NOT NULL
            );
            CREATE INDEX queue_tickets_by_date ON queue_tickets(date, number);
            """)
    }
}
