/// The header row of an import file: which column holds which field.
///
/// Names must match exactly (no case folding or trimming) so a misspelt column fails loudly
/// instead of silently importing nothing into it.
struct CSVHeader: Sendable {
    /// Column name → position.
    let positions: [String: Int]
    let count: Int

    /// Reads `record` as a header for a file with `allowed` columns, of which `required` must
    /// be present; the reason names the first problem.
    static func read(_ record: CSVReader.Record?, allowed: [String], required: [String]) -> Result<CSVHeader, RowRejection> {
        guard let record else {
            return .failure(RowRejection(line: 1, reason: "the file is empty; a header row is required (\(allowed.joined(separator: ",")))"))
        }
        let names: [String]
        switch record.fields {
        case .success(let fields): names = fields
        case .failure(let failure): return .failure(RowRejection(line: record.line, reason: "header: " + failure.reason))
        }
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() {
            guard allowed.contains(name) else {
                return .failure(RowRejection(line: record.line, reason: "unknown column '\(name)' in the header; allowed columns: \(allowed.joined(separator: ","))"))
            }
            guard positions[name] == nil else {
                return .failure(RowRejection(line: record.line, reason: "column '\(name)' appears twice in the header"))
            }
            positions[name] = position
        }
        if let missing = required.first(where: { positions[$0] == nil }) {
            return .failure(RowRejection(line: record.line, reason: "the header has no column '\(missing)', which is required"))
        }
        return .success(CSVHeader(positions: positions, count: names.count))
    }

    /// The row's fields by column name, or why the row cannot be read at all.
    func row(_ record: CSVReader.Record) -> Result<Row, RowRejection> {
        switch record.fields {
        case .failure(let failure):
            return .failure(RowRejection(line: record.line, reason: failure.reason))
        case .success(let fields) where fields.count != count:
            return .failure(RowRejection(line: record.line, reason: "wrong number of fields: expected \(count), found \(fields.count)"))
        case .success(let fields):
            return .success(Row(line: record.line, fields: fields, header: self))
        }
    }

    /// One data row with access by column name.
    struct Row {
        let line: Int
        let fields: [String]
        let header: CSVHeader

        /// The field in `column`, with surrounding spaces removed; "" when the column is absent.
        subscript(column: String) -> String {
            guard let position = header.positions[column] else { return "" }
            return String(fields[position].trimmingSpaces)
        }

        func reject(_ reason: String) -> RowRejection { RowRejection(line: line, reason: reason) }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces, tabs and full-width spaces (spreadsheets pad cells).
    var trimmingSpaces: SubSequence {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[first...last]
    }
}
