import GRDB

/// One line of the audit trail: who did what to which record, when, and whether it was allowed.
/// Never holds an ID number, phone number, answer or PIN: subjects are donor ids and staff numbers.
public struct AuditEntry: Sendable, Hashable {
    /// How the action ended.
    public enum Outcome: String, Sendable, Hashable {
        case ok, denied, failed
    }

    /// Wall-clock milliseconds since 1970 (the device's clock, for people to read).
    public var atMilliseconds: Int64
    /// Staff number, `self-service` or `system`.
    public var actor: String
    /// `signin`, `donation.recorded`, `registry.import`…
    public var action: String
    /// The donor id or staff number the action was about.
    public var subject: String?
    public var outcome: Outcome
    /// A short non-sensitive note (a reason, a count).
    public var detail: String?
}

extension KioskStore {
    func audit(actor: String, action: String, subject: String?, outcome: AuditEntry.Outcome = .ok,
               detail: String? = nil, in db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO audit (at_ms, actor, action, subject, outcome, detail) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [clock.now(), actor, action, subject, outcome.rawValue, detail])
    }

    /// Records a staff action that changes no data (looking up a donor, printing, overriding a
    /// rule with a written reason) in the audit trail.
    public func recordAudit(actor: String, action: String, subject: String?, outcome: AuditEntry.Outcome = .ok,
                            detail: String? = nil) throws(StoreError) {
        try write { db in try audit(actor: actor, action: action, subject: subject, outcome: outcome, detail: detail, in: db) }
    }

    /// The latest audit lines, newest first, optionally only one actor's or one action's.
    public func audit(actor: String? = nil, action: String? = nil, limit: Int = 100) throws(StoreError) -> [AuditEntry] {
        try read { db in
            var sql = "SELECT * FROM audit WHERE 1"
            var arguments: StatementArguments = []
            if let actor { sql += " AND actor = ?"; arguments += [actor] }
            if let action { sql += " AND action = ?"; arguments += [action] }
            sql += " ORDER BY row DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AuditEntry(atMilliseconds: row["at_ms"], actor: row["actor"], action: row["action"],
                           subject: row["subject"], outcome: AuditEntry.Outcome(rawValue: row["outcome"]) ?? .failed,
                           detail: row["detail"])
            }
        }
    }
}
