import GRDB

/// One of this kiosk's events that a supervisor should look at: the centre refused it, or
/// accepted it and flagged it for its operators to review.
public struct EventForReview: Sendable, Hashable {
    /// What the centre said.
    public enum Verdict: Sendable, Hashable {
        /// Refused and kept in the centre's quarantine: the centre's code (nil when it gave
        /// none) and its message.
        case rejected(code: String?, message: String)
        /// Accepted, with the centre's review flags (e.g. "interval_conflict").
        case flagged([String])
    }

    /// The event as this kiosk wrote it (decrypted).
    public var event: EventEnvelope
    public var verdict: Verdict
    /// The event's donor as the store knows them now; nil for an event without a donor.
    public var donor: StoredDonor?
    /// Wall-clock milliseconds of the centre's answer.
    public var answeredMilliseconds: Int64
}

extension KioskStore {
    /// The events the centre rejected or flagged, newest first, with their donors, for the
    /// supervisor's screen. `limit` bounds the work on a kiosk with a long history of them.
    public func eventsForReview(limit: Int = 500) throws(StoreError) -> [EventForReview] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, o.state, o.last_error, o.rejection_code, o.review_flags, o.updated_ms
                FROM outbox o JOIN events e ON e.row = o.event
                WHERE o.state = 'rejected' OR o.review_flags IS NOT NULL
                ORDER BY o.event DESC LIMIT ?
                """, arguments: [limit]).map { row in
                let event = try envelope(from: row)
                let donor = try event.payload.donor.flatMap { try storedDonor(id: $0, in: db) }
                return EventForReview(event: event, verdict: Self.verdict(row), donor: donor, answeredMilliseconds: row["updated_ms"])
            }
        }
    }

    /// The verdict of an outbox row: `last_error` holds "code: message" when the centre gave a code.
    static func verdict(_ row: Row) -> EventForReview.Verdict {
        guard row["state"] as String == "rejected" else {
            return .flagged(((row["review_flags"] as String?) ?? "").split(separator: "\n").map(String.init))
        }
        let code: String? = row["rejection_code"]
        var message = (row["last_error"] as String?) ?? ""
        if let code, message.hasPrefix(code + ": ") { message.removeFirst(code.count + 2) }
        return .rejected(code: code, message: message)
    }
}
