/// A strict TOML 1.0 reader that keeps the line of every key and value.
///
/// Supported: comments, bare/quoted/dotted keys, `[table]` and `[[array.of.tables]]`
/// headers, basic/literal/multi-line strings, decimal integers, floats, booleans, local
/// dates (`2025-02-01`), arrays and inline tables. Times and date-times are rejected with
/// "times are not supported in this file", as are hexadecimal, octal and binary integers.
public enum TOMLParser {
    /// Parses a whole document into its root table (line 1).
    ///
    /// - Throws: `TOMLError` with the line of the first problem: duplicate keys, tables
    ///   defined twice, unterminated strings, bad escapes, missing `=` or value, invalid
    ///   numbers or dates, unclosed arrays, inline tables or headers, and anything other
    ///   than a comment after a value on the same line.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var scanner = TOMLScanner(text)
        let root = TOMLNode(line: 1, origin: .root)
        var current = root
        var currentPath: [String] = []
        while true {
            scanner.skipSpaces()
            guard scanner.peek != nil else { break }
            if scanner.at("#") {
                try scanner.skipComment()
                continue
            }
            if try scanner.consumeNewline() { continue }
            if scanner.at("[") {
                let (path, isArray) = try parseHeader(&scanner)
                current = try root.defineTable(path, isArray: isArray, line: scanner.line)
                currentPath = path
                try scanner.expectLineEnd(after: isArray ? "header [[\(display(path))]]" : "header [\(display(path))]")
            } else {
                let path = try parseKeyValue(&scanner, into: current, prefix: currentPath)
                try scanner.expectLineEnd(after: "the value of '\(display(currentPath + path))'")
            }
        }
        return root.freeze()
    }

    /// Reads `[a.b]` or `[[a.b]]` (the scanner is at the first `[`).
    private static func parseHeader(_ scanner: inout TOMLScanner) throws(TOMLError) -> ([String], Bool) {
        scanner.pos += 1
        let isArray = scanner.at("[")
        if isArray { scanner.pos += 1 }
        let path = try scanner.parseKey()
        let close = isArray ? "]]" : "]"
        let shown = isArray ? "[[\(display(path))" : "[\(display(path))"
        guard scanner.at("]") && (!isArray || scanner.peek(at: 1) == UInt8(ascii: "]")) else {
            if scanner.atLineEnd || scanner.at("]") {
                throw scanner.error("unclosed table header \(shown): missing '\(close)'")
            }
            throw scanner.error("expected '\(close)' after table header \(shown), found \(scanner.found)")
        }
        scanner.pos += close.utf8.count
        return (path, isArray)
    }

    /// Reads `key = value` into `table`; returns the key path.
    private static func parseKeyValue(
        _ scanner: inout TOMLScanner, into table: TOMLNode, prefix: [String]
    ) throws(TOMLError) -> [String] {
        let keyLine = scanner.line
        let path = try scanner.parseKey()
        let shown = display(prefix + path)
        guard scanner.at("=") else { throw scanner.error("expected '=' after key '\(shown)'") }
        scanner.pos += 1
        scanner.skipSpaces()
        if scanner.atLineEnd { throw scanner.error("missing value for key '\(shown)'") }
        let value = try scanner.parseValue(path: prefix + path)
        try table.insert(path, value, line: keyLine, prefix: prefix)
        return path
    }
}
