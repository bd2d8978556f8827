/// A value read from a TOML document, with the line it starts on.
///
/// Policy and catalogue files are rejected with "file, key and line" messages, so every
/// value remembers where it came from.
public struct TOMLValue: Sendable, Equatable {
    /// What the value is.
    public enum Kind: Sendable, Equatable {
        /// A basic, literal or multi-line string.
        case string(String)
        /// A decimal integer.
        case integer(Int)
        /// A float, including `inf` and `nan` (a `nan` value is, as usual, unequal to itself).
        case float(Double)
        /// `true` or `false`.
        case boolean(Bool)
        /// A TOML local date such as `2025-02-01`.
        case date(LocalDate)
        /// An array; elements may be of mixed kinds.
        case array([TOMLValue])
        /// A table: a `[header]` table, a dotted-key table, an inline table or one
        /// element of an array of tables.
        case table(TOMLTable)
    }

    /// What the value is.
    public var kind: Kind
    /// The 1-based line where the value starts.
    public var line: Int

    /// A value of `kind` starting on `line`.
    public init(kind: Kind, line: Int) {
        self.kind = kind
        self.line = line
    }

    /// The name of the value's kind for messages: "string", "integer", "float", "boolean",
    /// "date", "array" or "table".
    public var typeName: String {
        switch kind {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .boolean: "boolean"
        case .date: "date"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A TOML table: keys in document order, their values, and the line of each key.
public struct TOMLTable: Sendable, Equatable {
    /// The line of the table's `[header]`, 1 for the root table, the line of the opening
    /// brace of an inline table, or the line of the first dotted key that created it.
    public var line: Int
    /// The table's keys in document order.
    public private(set) var keys: [String]
    private var values: [String: TOMLValue]
    private var keyLines: [String: Int]

    /// An empty table starting on `line`.
    public init(line: Int) {
        self.line = line
        self.keys = []
        self.values = [:]
        self.keyLines = [:]
    }

    /// The value for `key`, or nil when the table has no such key.
    public subscript(key: String) -> TOMLValue? {
        values[key]
    }

    /// The line where `key = ...` appears, or the line of the `[table]` header that defines
    /// `key`; nil when the table has no such key.
    public func keyLine(_ key: String) -> Int? {
        keyLines[key]
    }

    /// Adds or replaces `key` (replacing keeps the key's original position in `keys`).
    mutating func set(_ key: String, _ value: TOMLValue, keyLine: Int) {
        if values.updateValue(value, forKey: key) == nil {
            keys.append(key)
        }
        keyLines[key] = keyLine
    }
}

/// Why a TOML document was rejected, with the line to point the reader at.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The 1-based line of the problem.
    public var line: Int
    /// A plain-English message, e.g. "expected '=' after key 'foo'".
    public var message: String

    /// An error on `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// `line N: message`.
    public var description: String { "line \(line): \(message)" }
}
