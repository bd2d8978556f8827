import Foundation
import GRDB
import GRDBSQLite

/// A prepared statement bound and stepped through the SQLite C API, for the registry import's
/// hot loop: GRDB's `StatementArguments` allocate per row, and at a million donors that is
/// most of the cost. Used only inside a GRDB write transaction; the statement is GRDB's.
struct BulkStatement {
    private let statement: Statement
    private let connection: SQLiteConnection
    private var handle: SQLiteStatement { statement.sqliteStatement }
    /// SQLite copies bound values before `bind` returns (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection!
    }

    func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        var text = value
        text.withUTF8 { buffer in
            _ = sqlite3_bind_text(handle, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(buffer.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Data?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        value.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        sqlite3_bind_int64(handle, index, value)
    }

    /// Runs the bound statement once and resets it; a failure becomes a `StoreError`
    /// prefixed with `context` (a row number, never a value).
    func step(context: String) throws(StoreError) {
        let rc = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(connection))
            let error = StoreError.from(DatabaseError(resultCode: ResultCode(rawValue: rc), message: message))
            throw StoreError(error.code, "\(context): \(error.message)", field: error.field)
        }
    }
}
