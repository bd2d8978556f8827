/// Reads RFC 4180 CSV text one record at a time, remembering the physical line each record
/// starts on so a rejection can point a person at the right line of their file.
///
/// Accepts LF, CRLF and lone CR line ends, an optional UTF-8 byte-order mark, quoted fields
/// with `""` escapes and commas or line breaks inside. Blank lines are skipped (exports often
/// end with one); a quoting error rejects that record and reading resumes at the next line.
struct CSVReader: Sequence, IteratorProtocol {
    /// What is wrong with a record's quoting.
    enum Failure: Error, Equatable, Sendable {
        /// A `"` inside a field that did not start with one.
        case quoteInUnquotedField(column: Int)
        /// Characters between a closing `"` and the next comma or line end.
        case textAfterClosingQuote(column: Int)
        /// The file ended inside a quoted field.
        case unterminatedQuote(column: Int)

        /// A sentence for a person fixing the file.
        var reason: String {
            switch self {
            case .quoteInUnquotedField(let column):
                return "malformed quoting in field \(column): a quote inside a field must be doubled and the field quoted"
            case .textAfterClosingQuote(let column):
                return "malformed quoting in field \(column): text after the closing quote"
            case .unterminatedQuote(let column):
                return "malformed quoting in field \(column): the quoted field is never closed"
            }
        }
    }

    /// One record: the line it starts on (1-based) and its fields, or why it could not be read.
    struct Record: Sendable {
        var line: Int
        var fields: Result<[String], Failure>
    }

    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index
    private var line = 1

    init(_ text: String) {
        scalars = text.unicodeScalars
        index = scalars.startIndex
        // A BOM is an encoding mark, not part of the first column's name.
        if index < scalars.endIndex, scalars[index] == "\u{FEFF}" { index = scalars.index(after: index) }
    }

    mutating func next() -> Record? {
        while index < scalars.endIndex {
            let start = line
            let (fields, blank) = readRecord()
            if blank { continue }
            return Record(line: start, fields: fields)
        }
        return nil
    }

    private enum State { case fieldStart, unquoted, quoted, afterQuote }

    /// Reads one record up to and including its line end; `blank` for an empty line.
    private mutating func readRecord() -> (Result<[String], Failure>, blank: Bool) {
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var state = State.fieldStart
        while index < scalars.endIndex {
            let scalar = scalars[index]
            index = scalars.index(after: index)
            switch (state, scalar) {
            case (.quoted, "\""):
                if peek("\"") { field.append("\""); advance() } else { state = .afterQuote }
            case (.quoted, "\r"), (.quoted, "\n"):
                // A line break inside quotes is data; keep it as written and count the line.
                field.append(scalar)
                if scalar == "\r", peek("\n") { field.append("\n"); advance() }
                line += 1
            case (.quoted, _):
                field.append(scalar)
            case (.fieldStart, "\""):
                state = .quoted
            case (_, ","):
                fields.append(String(field))
                field = String.UnicodeScalarView()
                state = .fieldStart
            case (_, "\r"), (_, "\n"):
                if scalar == "\r", peek("\n") { advance() }
                line += 1
                let blank = fields.isEmpty && field.isEmpty && state == .fieldStart
                fields.append(String(field))
                return (.success(fields), blank)
            case (.afterQuote, _):
                skipLine()
                return (.failure(.textAfterClosingQuote(column: fields.count + 1)), false)
            case (_, "\""):
                skipLine()
                return (.failure(.quoteInUnquotedField(column: fields.count + 1)), false)
            default:
                field.append(scalar)
                state = .unquoted
            }
        }
        if state == .quoted { return (.failure(.unterminatedQuote(column: fields.count + 1)), false) }
        fields.append(String(field))
        return (.success(fields), false)
    }

    private func peek(_ scalar: Unicode.Scalar) -> Bool {
        index < scalars.endIndex && scalars[index] == scalar
    }

    private mutating func advance() { index = scalars.index(after: index) }

    /// Skips to the start of the next physical line, to resume after a malformed record.
    private mutating func skipLine() {
        while index < scalars.endIndex {
            let scalar = scalars[index]
            advance()
            if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", peek("\n") { advance() }
                line += 1
                return
            }
        }
    }
}

/// Writes RFC 4180 CSV: fields are quoted only when they must be, lines end with CRLF.
enum CSVWriter {
    /// One field, quoted when it holds a comma, a quote, a line break or edge spaces.
    static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// One line: the fields joined by commas, with the CRLF RFC 4180 asks for.
    static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }
}
