import Central
import Foundation
import SyncWire

/// Writes events straight into a SQLite centre's `events` table, as a centre that has been
/// running for years holds them: personal fields sealed (`PayloadSealer`), consecutive sequence
/// numbers, one city. Millions of events through the push API would take hours; this is the
/// bench's way to a large centre, not a server feature (it skips the push's checks and the
/// centre's `donors` index, which the snapshot does not read).
final class CentralLoader {
    private let sqlite: SQLiteConnection
    private let insert: OpaquePointer?
    private let keys: ServerKeys
    private let city: String
    private var seq: Int64 = 0
    private let receivedAt = Int64(Date().timeIntervalSince1970)

    /// Opens the centre's database at `path` (migrated, the service closed), writing `city`'s events.
    init(path: String, keys: ServerKeys, city: String) throws {
        sqlite = try SQLiteConnection(path: path, label: "centre loader")
        // A crash of the loader loses only a bench run.
        try sqlite.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144")
        insert = try sqlite.prepare("""
            INSERT INTO events (seq, id, kind, house, device, author, hlc, donor_key, payload, city, received_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        self.keys = keys
        self.city = city
    }

    /// Appends `events` in one transaction.
    func append(_ events: [WireEvent]) throws {
        try sqlite.execute("BEGIN IMMEDIATE")
        let encoder = WireCoding.encoder()
        for event in events {
            seq += 1
            sqlite.bind(insert, 1, seq)
            sqlite.bind(insert, 2, event.id)
            sqlite.bind(insert, 3, event.kind)
            sqlite.bind(insert, 4, event.house)
            sqlite.bind(insert, 5, event.device)
            sqlite.bind(insert, 6, event.author)
            sqlite.bind(insert, 7, event.hlc)
            sqlite.bind(insert, 8, event.donorKey)
            sqlite.bind(insert, 9, String(decoding: try encoder.encode(try PayloadSealer.seal(event.payload, keys: keys)), as: UTF8.self))
            sqlite.bind(insert, 10, city)
            sqlite.bind(insert, 11, receivedAt)
            try sqlite.step(insert)
        }
        try sqlite.execute("COMMIT")
    }
}
