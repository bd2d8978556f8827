extension TOMLScanner {
    /// Reads one value starting at the current position; `path` is the key it belongs to,
    /// for messages.
    mutating func parseValue(path: [String]) throws(TOMLError) -> TOMLValue {
        let startLine = line
        func value(_ kind: TOMLValue.Kind) -> TOMLValue { TOMLValue(kind: kind, line: startLine) }
        guard let byte = peek else { throw error("expected a value, found end of file") }
        switch byte {
        case UInt8(ascii: "\""):
            if peek(at: 1) == byte && peek(at: 2) == byte {
                return value(.string(try parseMultilineString(literal: false)))
            }
            return value(.string(try parseBasicString()))
        case UInt8(ascii: "'"):
            if peek(at: 1) == byte && peek(at: 2) == byte {
                return value(.string(try parseMultilineString(literal: true)))
            }
            return value(.string(try parseLiteralString()))
        case UInt8(ascii: "["):
            return value(.array(try parseArray(path: path)))
        case UInt8(ascii: "{"):
            return value(.table(try parseInlineTable(path: path)))
        default:
            let start = pos
            while let next = peek, Self.isTokenByte(next) { pos += 1 }
            guard pos > start else { throw error("expected a value, found \(found)") }
            let token = String(decoding: bytes[start..<pos], as: UTF8.self)
            let kind = try Self.scalar(token, line: startLine)
            if case .date = kind, peek == 0x20, let digit = peek(at: 1), Self.isDigit(digit) {
                throw error("times are not supported in this file; write a date like 2025-02-01")
            }
            return value(kind)
        }
    }

    private mutating func parseArray(path: [String]) throws(TOMLError) -> [TOMLValue] {
        let startLine = line
        pos += 1
        var items: [TOMLValue] = []
        while true {
            try skipTrivia()
            guard peek != nil else { throw error("unclosed array: missing ']'", line: startLine) }
            if at("]") { break }
            items.append(try parseValue(path: path))
            try skipTrivia()
            guard peek != nil else { throw error("unclosed array: missing ']'", line: startLine) }
            if at("]") { break }
            guard at(",") else {
                throw error("expected ',' or ']' after an array element, found \(found) "
                    + "(array opened on line \(startLine))")
            }
            pos += 1
        }
        pos += 1
        return items
    }

    private mutating func parseInlineTable(path: [String]) throws(TOMLError) -> TOMLTable {
        let startLine = line
        let node = TOMLNode(line: startLine, origin: .inline)
        pos += 1
        skipSpaces()
        if at("}") {
            pos += 1
            return node.freeze()
        }
        while true {
            skipSpaces()
            try checkInlineTableOpen()
            let keyLine = line
            let key = try parseKey()
            guard at("=") else { throw error("expected '=' after key '\(display(path + key))'") }
            pos += 1
            skipSpaces()
            if atLineEnd || at(",") || at("}") { throw error("missing value for key '\(display(path + key))'") }
            let value = try parseValue(path: path + key)
            try node.insert(key, value, line: keyLine, prefix: path)
            skipSpaces()
            try checkInlineTableOpen()
            if at("}") { break }
            guard at(",") else { throw error("expected ',' or '}' in inline table, found \(found)") }
            pos += 1
            skipSpaces()
            if at("}") { throw error("trailing comma is not allowed in an inline table") }
        }
        pos += 1
        return node.freeze()
    }

    private func checkInlineTableOpen() throws(TOMLError) {
        if atLineEnd {
            throw error("unclosed inline table: missing '}' (an inline table must end on the line it starts)")
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isTokenByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    /// Classifies a bare token: boolean, integer, float or date.
    static func scalar(_ token: String, line: Int) throws(TOMLError) -> TOMLValue.Kind {
        func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }
        switch token {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        let chars = Array(token.utf8)
        let looksLikeDate = chars.count >= 10 && chars[4] == UInt8(ascii: "-") && chars[7] == UInt8(ascii: "-")
            && [0, 1, 2, 3, 5, 6, 8, 9].allSatisfy { isDigit(chars[$0]) }
        if token.contains(":") || (looksLikeDate && chars.count > 10 && (chars[10] | 0x20) == UInt8(ascii: "t")) {
            throw fail("times are not supported in this file; write a date like 2025-02-01")
        }
        let dashAfterDigit = chars.indices.dropFirst().contains { chars[$0] == UInt8(ascii: "-") && isDigit(chars[$0 - 1]) }
        if looksLikeDate || (chars.first.map(isDigit) == true && dashAfterDigit) {
            guard chars.count == 10, let date = LocalDate(iso: token) else { throw fail("invalid date '\(token)'") }
            return .date(date)
        }
        guard let first = chars.first, !(isBareKeyByte(first) && !isDigit(first) && first != UInt8(ascii: "-")) else {
            throw fail("invalid value '\(token)' (strings must be in quotes)")
        }
        let body = first == UInt8(ascii: "+") || first == UInt8(ascii: "-") ? token.dropFirst() : Substring(token)
        if ["0x", "0o", "0b"].contains(where: { body.hasPrefix($0) }) {
            throw fail("hexadecimal, octal and binary integers are not supported; write '\(token)' in decimal")
        }
        let plain = String(token.filter { $0 != "_" })
        if !body.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
            guard isDigitRun(body, leadingZero: false) else { throw fail("invalid number '\(token)'") }
            guard let int = Int(plain) else { throw fail("integer '\(token)' is out of range") }
            return .integer(int)
        }
        let parts = body.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var valid = parts.count <= 2 && isDigitRun(mantissa[0], leadingZero: false)
        if mantissa.count == 2 { valid = valid && isDigitRun(mantissa[1], leadingZero: true) }
        if parts.count == 2 {
            let exponent = parts[1].first == "+" || parts[1].first == "-" ? parts[1].dropFirst() : parts[1]
            valid = valid && isDigitRun(exponent, leadingZero: true)
        }
        guard valid, let double = Double(plain) else { throw fail("invalid number '\(token)'") }
        guard double.isFinite else { throw fail("float '\(token)' is out of range") }
        return .float(double)
    }

    /// Digits with single underscores between them; no leading zero unless allowed or "0".
    private static func isDigitRun(_ text: Substring, leadingZero: Bool) -> Bool {
        let chars = Array(text.utf8)
        guard let first = chars.first, let last = chars.last, isDigit(first), isDigit(last) else { return false }
        if !leadingZero && first == UInt8(ascii: "0") && chars.count > 1 { return false }
        for (index, char) in chars.enumerated() where !isDigit(char) {
            guard char == UInt8(ascii: "_"), isDigit(chars[index - 1]), isDigit(chars[index + 1]) else { return false }
        }
        return true
    }
}
