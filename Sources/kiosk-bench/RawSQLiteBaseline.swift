import DonorCore
import Foundation
import GRDBSQLite
import KioskStore

/// The import baseline: the same donors, donations and deferrals written straight through the
/// SQLite C API into a copy of the store's empty schema (same tables, indexes, constraints and
/// triggers), with one prepared statement per table and one transaction per chunk.
///
/// What it leaves out is exactly what the store adds: the keyed HMAC blind indexes and AES-GCM
/// sealing of ID and phone numbers (here the plain bytes are stored), GRDB's transaction
/// wrapper, and the audit line. Connection settings match the store's: WAL,
/// `synchronous = FULL`, foreign keys on, and the same page cache size.
final class RawSQLiteBaseline {
    private var db: OpaquePointer?
    private var donor: OpaquePointer?
    private var donation: OpaquePointer?
    private var deferral: OpaquePointer?
    private var select: OpaquePointer?
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens `path` (a copy of an empty store's database file).
    init(path: String, cacheKiB: Int) throws {
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else {
            throw BenchError("raw baseline: cannot open \(path)")
        }
        try execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -\(cacheKiB)")
        donor = try prepare("""
            INSERT INTO donors (uid, id_blind, id_number, document_type, name, sex, birth_date, phone_blind, phone, blood_type, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registry')
            """)
        donation = try prepare("""
            INSERT INTO donations (uid, donor, date, kind, volume_ml, doses, outcome, region, reaction, voided, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registry')
            """)
        deferral = try prepare("""
            INSERT INTO deferrals (uid, donor, rule, source, from_date, until_date, lifted, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, 'registry')
            """)
        select = try prepare("SELECT uid, id_number, document_type, name, sex, birth_date, phone, blood_type FROM donors WHERE id_blind = ?")
    }

    /// The lookup baseline: the donor row for a plain ID number through one prepared
    /// statement, its text columns read out (no blind index, no decryption, no merge links).
    func lookup(_ number: String) -> Bool {
        bind(select, 1, Data(DonorKeys.idNumber(number).utf8))
        defer { sqlite3_reset(select) }
        guard sqlite3_step(select) == SQLITE_ROW else { return false }
        var bytes = 0
        for column in Int32(0)..<8 { bytes += Int(sqlite3_column_bytes(select, column)); _ = sqlite3_column_text(select, column) }
        return bytes > 0
    }

    deinit {
        for statement in [donor, donation, deferral, select] { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// Inserts `donors` with their histories and deferrals in one transaction.
    func insert(_ donors: [RegistryDonor]) throws {
        try execute("BEGIN IMMEDIATE")
        for person in donors {
            let number = DonorKeys.idNumber(person.idNumber)
            bind(donor, 1, UUID().uuidString.lowercased())
            bind(donor, 2, Data(number.utf8))
            bind(donor, 3, Data(number.utf8))
            bind(donor, 4, person.documentType.rawValue)
            bind(donor, 5, person.name.trimmingCharacters(in: .whitespaces))
            bind(donor, 6, person.sex.rawValue)
            bind(donor, 7, person.birthDate.iso)
            bind(donor, 8, person.phone.map { Data($0.utf8) })
            bind(donor, 9, person.phone.map { Data($0.utf8) })
            bind(donor, 10, person.bloodType?.description)
            try step(donor)
            let row = sqlite3_last_insert_rowid(db)
            for d in person.history {
                bind(donation, 1, d.id.isEmpty ? UUID().uuidString.lowercased() : d.id)
                sqlite3_bind_int64(donation, 2, row)
                bind(donation, 3, d.date.iso)
                bind(donation, 4, d.kind.rawValue)
                bind(donation, 5, d.volumeML.map(Int64.init))
                bind(donation, 6, d.doses.map(Int64.init))
                bind(donation, 7, d.outcome.rawValue)
                bind(donation, 8, d.region)
                bind(donation, 9, d.reaction.map { "{\"category\":\"\($0.category.rawValue)\",\"severity\":\"\($0.severity.rawValue)\"}" })
                sqlite3_bind_int64(donation, 10, d.voided ? 1 : 0)
                try step(donation)
            }
            for d in person.deferrals {
                bind(deferral, 1, d.id.isEmpty ? UUID().uuidString.lowercased() : d.id)
                sqlite3_bind_int64(deferral, 2, row)
                bind(deferral, 3, d.rule)
                bind(deferral, 4, d.source.rawValue)
                bind(deferral, 5, d.from.iso)
                bind(deferral, 6, d.until?.iso)
                sqlite3_bind_int64(deferral, 7, d.lifted ? 1 : 0)
                try step(deferral)
            }
        }
        try execute("COMMIT")
    }

    private func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError("raw baseline: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    private func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
            throw BenchError("raw baseline: \(String(cString: sqlite3_errmsg(db)))")
        }
        return statement
    }

    private func step(_ statement: OpaquePointer?) throws {
        let rc = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard rc == SQLITE_DONE else { throw BenchError("raw baseline: \(String(cString: sqlite3_errmsg(db)))") }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { buffer in
            _ = sqlite3_bind_text(statement, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(buffer.count), Self.transient)
        }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Data?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        value.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, value)
    }
}
