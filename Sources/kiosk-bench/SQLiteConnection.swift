import Foundation
import GRDBSQLite

/// One SQLite connection through the C API, for the bench's bulk writers (the raw baselines and
/// the centre's loader): prepared statements, bind-and-step, and errors as `BenchError`.
final class SQLiteConnection {
    private var db: OpaquePointer?
    private var statements: [OpaquePointer?] = []
    private let label: String
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens an existing database file; `label` names it in error messages.
    init(path: String, label: String) throws {
        self.label = label
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else {
            throw BenchError("\(label): cannot open \(path)")
        }
    }

    deinit {
        for statement in statements { sqlite3_finalize(statement) }
        sqlite3_close_v2(db)
    }

    /// The rowid of the last INSERT.
    var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(db) }

    func execute(_ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw failure() }
    }

    /// A statement kept until the connection closes.
    func prepare(_ sql: String) throws -> OpaquePointer? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw failure() }
        statements.append(statement)
        return statement
    }

    /// Runs a statement that returns no rows, and resets it.
    func step(_ statement: OpaquePointer?) throws {
        let rc = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard rc == SQLITE_DONE else { throw failure() }
    }

    func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { buffer in
            _ = sqlite3_bind_text(statement, index, buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                  Int32(buffer.count), Self.transient)
        }
    }

    func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Data?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        value.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(statement, index, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    func bind(_ statement: OpaquePointer?, _ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, value)
    }

    private func failure() -> BenchError {
        BenchError("\(label): \(String(cString: sqlite3_errmsg(db)))")
    }
}
