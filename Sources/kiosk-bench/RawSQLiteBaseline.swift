import DonorCore
import Foundation
import GRDBSQLite
import KioskStore
import SyncWire

/// The import baseline: the same donors, donations and deferrals written straight through the
/// SQLite C API into a copy of the store's empty schema (same tables, indexes, constraints and
/// triggers), with one prepared statement per table and one transaction per chunk; and, for the
/// sync bootstrap, the event log's rows.
///
/// What it leaves out is exactly what the store adds: the keyed HMAC blind indexes and AES-GCM
/// sealing of ID and phone numbers (here the plain bytes are stored), GRDB's transaction
/// wrapper, and the audit line. Connection settings match the store's: WAL,
/// `synchronous = FULL`, foreign keys on, and the same page cache size.
final class RawSQLiteBaseline {
    private let sqlite: SQLiteConnection
    private let donor: OpaquePointer?
    private let donation: OpaquePointer?
    private let deferral: OpaquePointer?
    private let event: OpaquePointer?
    private let select: OpaquePointer?

    /// Opens `path` (a copy of an empty store's database file).
    init(path: String, cacheKiB: Int) throws {
        sqlite = try SQLiteConnection(path: path, label: "raw baseline")
        try sqlite.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -\(cacheKiB)")
        donor = try sqlite.prepare("""
            INSERT INTO donors (uid, id_blind, id_number, document_type, name, sex, birth_date, phone_blind, phone, blood_type, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registry')
            """)
        donation = try sqlite.prepare("""
            INSERT INTO donations (uid, donor, date, kind, volume_ml, doses, outcome, region, reaction, voided, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registry')
            """)
        deferral = try sqlite.prepare("""
            INSERT INTO deferrals (uid, donor, rule, source, from_date, until_date, lifted, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'registry')
            """)
        event = try sqlite.prepare("""
            INSERT INTO events (id, kind, hlc, author, device, donor, sealed, payload, house) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)
            """)
        select = try sqlite.prepare("SELECT uid, id_number, document_type, name, sex, birth_date, phone, blood_type FROM donors WHERE id_blind = ?")
    }

    /// The lookup baseline: the donor row for a plain ID number through one prepared
    /// statement, its text columns read out (no blind index, no decryption, no merge links).
    func lookup(_ number: String) -> Bool {
        sqlite.bind(select, 1, Data(DonorKeys.idNumber(number).utf8))
        defer { sqlite3_reset(select) }
        guard sqlite3_step(select) == SQLITE_ROW else { return false }
        var bytes = 0
        for column in Int32(0)..<8 { bytes += Int(sqlite3_column_bytes(select, column)); _ = sqlite3_column_text(select, column) }
        return bytes > 0
    }

    /// Appends events to the log as plain rows (payload as JSON, not sealed), in one transaction:
    /// the log rows a kiosk keeps besides the projections.
    func insert(_ events: [WireEvent]) throws {
        try sqlite.execute("BEGIN IMMEDIATE")
        for e in events {
            sqlite.bind(event, 1, e.id)
            sqlite.bind(event, 2, e.kind)
            sqlite.bind(event, 3, e.hlc)
            sqlite.bind(event, 4, e.author)
            sqlite.bind(event, 5, e.device)
            sqlite.bind(event, 6, e.donorKey)
            sqlite.bind(event, 7, try WireCoding.encoder().encode(e.payload))
            sqlite.bind(event, 8, e.house)
            try sqlite.step(event)
        }
        try sqlite.execute("COMMIT")
    }

    /// Inserts `donors` with their histories and deferrals in one transaction.
    func insert(_ donors: [RegistryDonor]) throws {
        try sqlite.execute("BEGIN IMMEDIATE")
        for person in donors {
            let number = DonorKeys.idNumber(person.idNumber)
            sqlite.bind(donor, 1, UUID().uuidString.lowercased())
            sqlite.bind(donor, 2, Data(number.utf8))
            sqlite.bind(donor, 3, Data(number.utf8))
            sqlite.bind(donor, 4, person.documentType.rawValue)
            sqlite.bind(donor, 5, person.name.trimmingCharacters(in: .whitespaces))
            sqlite.bind(donor, 6, person.sex.rawValue)
            sqlite.bind(donor, 7, person.birthDate.iso)
            sqlite.bind(donor, 8, person.phone.map { Data($0.utf8) })
            sqlite.bind(donor, 9, person.phone.map { Data($0.utf8) })
            sqlite.bind(donor, 10, person.bloodType?.description)
            try sqlite.step(donor)
            let row = sqlite.lastInsertRowID
            for d in person.history {
                sqlite.bind(donation, 1, d.id.isEmpty ? UUID().uuidString.lowercased() : d.id)
                sqlite.bind(donation, 2, row)
                sqlite.bind(donation, 3, d.date.iso)
                sqlite.bind(donation, 4, d.kind.rawValue)
                sqlite.bind(donation, 5, d.volumeML.map(Int64.init))
                sqlite.bind(donation, 6, d.doses.map(Int64.init))
                sqlite.bind(donation, 7, d.outcome.rawValue)
                sqlite.bind(donation, 8, d.region)
                sqlite.bind(donation, 9, d.reaction.map { "{\"category\":\"\($0.category.rawValue)\",\"severity\":\"\($0.severity.rawValue)\"}" })
                sqlite.bind(donation, 10, Int64(d.voided ? 1 : 0))
                try sqlite.step(donation)
            }
            for d in person.deferrals {
                sqlite.bind(deferral, 1, d.id.isEmpty ? UUID().uuidString.lowercased() : d.id)
                sqlite.bind(deferral, 2, row)
                sqlite.bind(deferral, 3, d.rule)
                sqlite.bind(deferral, 4, d.source.rawValue)
                sqlite.bind(deferral, 5, d.from.iso)
                sqlite.bind(deferral, 6, d.until?.iso)
                sqlite.bind(deferral, 7, Int64(d.lifted ? 1 : 0))
                try sqlite.step(deferral)
            }
        }
        try sqlite.execute("COMMIT")
    }
}
