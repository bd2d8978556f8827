/// Reads a TOML document byte by byte (UTF-8), keeping the current line number.
struct TOMLScanner {
    let bytes: [UInt8]
    var pos = 0
    var line = 1

    init(_ text: String) {
        bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 }
    }

    var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    func peek(at offset: Int) -> UInt8? {
        pos + offset < bytes.count ? bytes[pos + offset] : nil
    }

    func error(_ message: String, line: Int? = nil) -> TOMLError {
        TOMLError(line: line ?? self.line, message: message)
    }

    /// Whether the next byte is `ascii`.
    func at(_ ascii: Unicode.Scalar) -> Bool { peek == UInt8(ascii: ascii) }

    /// Whether the scanner is at a line break (`\n` or `\r\n`).
    var atNewline: Bool {
        peek == 0x0A || (peek == 0x0D && peek(at: 1) == 0x0A)
    }

    /// Whether nothing but a comment or a line break can follow: end of input, newline or `#`.
    var atLineEnd: Bool { peek == nil || atNewline || at("#") }

    /// Describes what is at the current position, for "found ..." messages.
    var found: String {
        guard let byte = peek else { return "end of file" }
        if atNewline { return "end of line" }
        let length = byte < 0x80 ? 1 : byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        let end = min(pos + length, bytes.count)
        return "'\(String(decoding: bytes[pos..<end], as: UTF8.self))'"
    }

    mutating func skipSpaces() {
        while peek == 0x20 || peek == 0x09 { pos += 1 }
    }

    /// Consumes a line break if there is one; a lone carriage return is an error.
    mutating func consumeNewline() throws(TOMLError) -> Bool {
        if peek == 0x0A {
            pos += 1
        } else if peek == 0x0D {
            guard peek(at: 1) == 0x0A else { throw error("carriage return without a line feed") }
            pos += 2
        } else {
            return false
        }
        line += 1
        return true
    }

    /// Skips a `#` comment up to (not including) the line break.
    mutating func skipComment() throws(TOMLError) {
        guard at("#") else { return }
        while let byte = peek, !atNewline {
            if Self.isControl(byte) { throw error("control character in comment") }
            pos += 1
        }
    }

    /// Skips spaces, comments and line breaks (inside arrays).
    mutating func skipTrivia() throws(TOMLError) {
        while true {
            skipSpaces()
            try skipComment()
            if try !consumeNewline() { return }
        }
    }

    /// After a key/value pair or a header: only spaces and a comment may follow on the line.
    mutating func expectLineEnd(after what: String) throws(TOMLError) {
        skipSpaces()
        try skipComment()
        guard peek == nil || atNewline else {
            if peek == 0x0D { throw error("carriage return without a line feed") }
            throw error("expected a newline or comment after \(what), found \(found)")
        }
    }

    static func isControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != 0x09) || byte == 0x7F
    }

    static func isBareKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }

    // MARK: Keys

    /// Reads a possibly dotted key (`a`, `a.b`, `"a b".'c'`).
    mutating func parseKey() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            parts.append(try parseKeyPart(afterDot: !parts.isEmpty))
            skipSpaces()
            guard at(".") else { return parts }
            pos += 1
        }
    }

    private mutating func parseKeyPart(afterDot: Bool) throws(TOMLError) -> String {
        let start = pos
        while let byte = peek, Self.isBareKeyByte(byte) { pos += 1 }
        if pos > start { return String(decoding: bytes[start..<pos], as: UTF8.self) }
        if at("\"") || at("'") {
            if peek(at: 1) == peek, peek(at: 2) == peek {
                throw error("a multi-line string cannot be used as a key")
            }
            return at("\"") ? try parseBasicString() : try parseLiteralString()
        }
        if let byte = peek, byte >= 0x80 {
            throw error("invalid character \(found) in a bare key; put keys with non-ASCII characters in quotes")
        }
        throw error(afterDot ? "expected a key after '.', found \(found)" : "expected a key, found \(found)")
    }

    // MARK: Strings

    /// Reads `"..."` with escapes.
    mutating func parseBasicString() throws(TOMLError) -> String {
        let startLine = line
        pos += 1
        var out: [UInt8] = []
        while true {
            guard let byte = peek, !atNewline else {
                throw error("unterminated string: missing closing '\"'", line: startLine)
            }
            switch byte {
            case UInt8(ascii: "\""):
                pos += 1
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            default:
                if Self.isControl(byte) { throw error("control character in string") }
                out.append(byte)
                pos += 1
            }
        }
    }

    /// Reads `'...'` verbatim.
    mutating func parseLiteralString() throws(TOMLError) -> String {
        let startLine = line
        pos += 1
        let start = pos
        while true {
            guard let byte = peek, !atNewline else {
                throw error("unterminated string: missing closing \"'\"", line: startLine)
            }
            if byte == UInt8(ascii: "'") { break }
            if Self.isControl(byte) { throw error("control character in string") }
            pos += 1
        }
        defer { pos += 1 }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// Reads `"""..."""` (escapes, line-ending backslash) or `'''...'''` (verbatim).
    mutating func parseMultilineString(literal: Bool) throws(TOMLError) -> String {
        let startLine = line
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        pos += 3
        _ = try consumeNewline()  // a newline right after the opening quotes is trimmed
        var out: [UInt8] = []
        while true {
            guard let byte = peek else {
                let delimiter = literal ? "'''" : "\"\"\""
                throw error("unterminated multi-line string: missing closing \(delimiter)", line: startLine)
            }
            if byte == quote {
                var count = 0
                while peek(at: count) == quote { count += 1 }
                if count >= 3 {
                    if count > 5 { throw error("too many quotes at the end of a multi-line string") }
                    out.append(contentsOf: repeatElement(quote, count: count - 3))
                    pos += count
                    return String(decoding: out, as: UTF8.self)
                }
                out.append(contentsOf: repeatElement(quote, count: count))
                pos += count
            } else if atNewline {
                _ = try consumeNewline()
                out.append(0x0A)
            } else if byte == UInt8(ascii: "\\") && !literal {
                if try !skipLineEndingBackslash() { try parseEscape(into: &out) }
            } else {
                if Self.isControl(byte) { throw error("control character in string") }
                out.append(byte)
                pos += 1
            }
        }
    }

    /// At a `\` followed by optional spaces and a line break: skips it all, including
    /// whitespace and blank lines after. Returns false (consuming nothing) otherwise.
    private mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var offset = 1
        while peek(at: offset) == 0x20 || peek(at: offset) == 0x09 { offset += 1 }
        guard peek(at: offset) == 0x0A || (peek(at: offset) == 0x0D && peek(at: offset + 1) == 0x0A) else {
            return false
        }
        pos += offset
        while true {
            skipSpaces()
            if try !consumeNewline() { return true }
        }
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(TOMLError) {
        pos += 1
        guard let byte = peek, !atNewline else { throw error("unterminated escape sequence at end of line") }
        pos += 1
        switch byte {
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "\""): out.append(byte)
        case UInt8(ascii: "\\"): out.append(byte)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let digits = byte == UInt8(ascii: "u") ? 4 : 8
            let end = pos + digits
            guard end <= bytes.count,
                  let code = UInt32(String(decoding: bytes[pos..<end], as: UTF8.self), radix: 16),
                  bytes[pos..<end].allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }),
                  let scalar = Unicode.Scalar(code) else {
                throw error("invalid unicode escape: \\\(Character(Unicode.Scalar(byte))) needs \(digits) "
                    + "hexadecimal digits naming a Unicode scalar value")
            }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
            pos = end
        default:
            pos -= 1
            throw error("invalid escape sequence '\\\(found.dropFirst().dropLast())' in string")
        }
    }
}
