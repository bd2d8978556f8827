import Foundation
import GRDB

/// Why the store refused or failed an operation.
///
/// Messages are plain sentences a volunteer can act on. They name fields, never values: no ID
/// number, phone number, answer or PIN ever appears in a `StoreError` (PIPL; DOMAIN.md §2).
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, for `catch` patterns and for the CLI's exit codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The disk (or the database's size limit) is full; nothing was written.
        case diskFull = "disk_full"
        /// The database file or its folder cannot be written; nothing was written.
        case readOnly = "read_only"
        /// The database file cannot be opened or created.
        case cannotOpen = "cannot_open"
        /// The database file is damaged.
        case corrupt
        /// A row broke a rule of the schema (a required field missing, a bag number reused…).
        case constraint
        /// The key file is missing, unreadable, malformed or readable by others.
        case keyFile = "key_file"
        /// The key file does not belong to this database.
        case wrongKey = "wrong_key"
        /// An encrypted field could not be decrypted.
        case decryption
        /// The donor, donation, staff account or event asked for does not exist.
        case notFound = "not_found"
        /// A donor with the same document number is already registered.
        case duplicateDonor = "duplicate_donor"
        /// The value given is not acceptable (named by `field`).
        case invalidInput = "invalid_input"
        /// The staff account is locked after too many wrong PINs.
        case locked
        /// The PIN is wrong or the staff account does not exist (deliberately not told apart).
        case signInFailed = "sign_in_failed"
        /// The operation conflicts with the current state (e.g. undoing a merge twice).
        case conflict
        /// Any other database failure.
        case database
    }

    /// What went wrong.
    public var code: Code
    /// A plain sentence naming what failed and, where it helps, what to do.
    public var message: String
    /// The field the error is about (`id_number`, `phone`, `bag_number`…), if any.
    public var field: String?

    /// Makes an error; `message` must not contain a sensitive value.
    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// "the disk is full (disk_full)".
    public var description: String { "\(message) (\(code.rawValue))" }
}

extension StoreError {
    /// Translates a GRDB/SQLite error into a plain `StoreError`.
    ///
    /// The SQLite message is reduced to the constraint or table name: GRDB already hides
    /// statement arguments (`publicStatementArguments` is false), and we drop the SQL too so
    /// that no value can leak through an error.
    static func from(_ error: any Error) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let db = error as? DatabaseError else {
            return StoreError(.database, "the database operation failed (\(type(of: error)))")
        }
        switch db.resultCode {
        case .SQLITE_FULL:
            return StoreError(.diskFull, "the disk is full: nothing was saved; free some space and try again")
        case .SQLITE_READONLY:
            return StoreError(.readOnly, "the database is read-only: nothing was saved; check the data folder's permissions and disk")
        case .SQLITE_CANTOPEN:
            return StoreError(.cannotOpen, "the database file cannot be opened; check the data folder")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreError(.corrupt, "the database file is damaged; restore it from a backup")
        case .SQLITE_IOERR:
            return StoreError(.database, "the disk could not be read or written (I/O error)")
        case .SQLITE_CONSTRAINT:
            return StoreError(.constraint, "a record broke the rule \(constraintName(db.message))",
                              field: constraintName(db.message))
        default:
            return StoreError(.database, "the database operation failed (SQLite code \(db.resultCode.rawValue))")
        }
    }

    /// "UNIQUE constraint failed: donations.bag_number" → "donations.bag_number"; "CHECK
    /// constraint failed: donor_name" → "donor_name". SQLite puts only names there, no values.
    private static func constraintName(_ message: String?) -> String {
        guard let message, let colon = message.lastIndex(of: ":") else { return "constraint" }
        return message[message.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
}
