import PostgresNIO

/// A `text[]` bind whose elements may be NULL, which postgres-nio's `[String]` cannot carry.
/// Ingest inserts a group's rows with `unnest` and one array bind per column: a handful of
/// parameters and one short statement, however many rows, instead of a multi-row `VALUES`
/// with a parameter per cell that PostgreSQL parses and plans anew for every size.
struct TextArray: PostgresNonThrowingEncodable {
    let values: [String?]

    init(_ values: [String?]) { self.values = values }

    static var psqlType: PostgresDataType { .textArray }
    static var psqlFormat: PostgresFormat { .binary }

    /// The binary array format: dimensions, has-nulls, element type, then length and lower
    /// bound of the one dimension, then each element as a length (-1 for NULL) and its bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(into buffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        buffer.writeInteger(values.isEmpty ? 0 : 1, as: Int32.self)
        buffer.writeInteger(values.contains(nil) ? 1 : 0, as: Int32.self)
        buffer.writeInteger(PostgresDataType.text.rawValue)
        guard !values.isEmpty else { return }
        buffer.writeInteger(Int32(values.count))
        buffer.writeInteger(1, as: Int32.self)
        for value in values {
            guard let value else {
                buffer.writeInteger(-1, as: Int32.self)
                continue
            }
            buffer.writeInteger(Int32(value.utf8.count))
            buffer.writeString(value)
        }
    }
}
