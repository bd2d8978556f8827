import DonorCore
import Foundation
import GRDB

/// What `verifyBackup` found in a backup file.
public struct BackupReport: Sendable, Hashable {
    /// `PRAGMA integrity_check` said "ok".
    public var intact: Bool
    /// The integrity check's findings ("ok" when intact).
    public var messages: [String]
    public var donors: Int
    public var donations: Int
    public var events: Int

    public init(intact: Bool, messages: [String], donors: Int, donations: Int, events: Int) {
        self.intact = intact
        self.messages = messages
        self.donors = donors
        self.donations = donations
        self.events = events
    }
}

extension KioskStore {
    /// Copies the live database to `path` (SQLite's online backup: writers keep working). The
    /// copy holds the same encrypted fields and needs the same key file to be read.
    public func backup(to path: String) throws(StoreError) {
        do {
            let destination = try DatabaseQueue(path: path)
            try writer.backup(to: destination)
            try destination.close()
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Opens a backup read-only, runs `PRAGMA integrity_check` and counts its rows.
    public static func verifyBackup(at path: String) throws(StoreError) -> BackupReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no backup file at the path given", field: "path")
        }
        do {
            let queue = try readOnlyQueue(path)
            defer { try? queue.close() }
            return try queue.read { db in
                let messages = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                return BackupReport(intact: messages == ["ok"], messages: messages,
                                    donors: try Int.fetchOne(db, sql: "SELECT count(*) FROM donors") ?? 0,
                                    donations: try Int.fetchOne(db, sql: "SELECT count(*) FROM donations") ?? 0,
                                    events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0)
            }
        } catch {
            throw StoreError.from(error)
        }
    }

    /// A connection that cannot write to the file at `path` (a backup or a seed being checked).
    static func readOnlyQueue(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: path, configuration: config)
    }

    /// `PRAGMA integrity_check` on the live database: ["ok"] when intact.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// Records that the kiosk now runs under `policy` (kept in `policy_versions`, audited).
    public func adoptPolicy(_ policy: Policy, author: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO policy_versions (reference, policy_id, version, effective_from, adopted_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(reference) DO NOTHING
                """, arguments: [policy.reference, policy.id, policy.version, policy.effectiveFrom.iso, clock.now()])
            if db.changesCount > 0 {
                try audit(actor: author, action: "policy.adopted", subject: policy.reference, in: db)
            }
        }
    }

    /// The policy references adopted on this kiosk, latest first (`taiyuan@2026.06`).
    public func policyVersions() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT reference FROM policy_versions ORDER BY adopted_ms DESC, rowid DESC") }
    }
}

extension KioskStore {
    /// Runs raw SQL; for tests that prove the schema's own defences (append-only triggers).
    /// Not for screens or commands: SQL stays inside the store.
    func debugExecute(_ sql: String) throws(StoreError) {
        try write { db in try db.execute(sql: sql) }
    }
}
