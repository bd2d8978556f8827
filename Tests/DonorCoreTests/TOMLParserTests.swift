import Testing
@testable import DonorCore

private func parseError(_ text: String) -> TOMLError? {
    do {
        _ = try TOMLParser.parse(text)
        return nil
    } catch {
        return error
    }
}

private func date(_ iso: String) -> LocalDate {
    LocalDate(iso: iso)!
}

/// `source` is the right-hand side of `v = ...` on line 1.
private let scalarCases: [(source: String, expected: TOMLValue.Kind)] = [
    (#""plain""#, .string("plain")),
    (#""""#, .string("")),
    (#""q\"b\\n\nt\tu\u00e9U\U0001F600""#, .string("q\"b\\n\nt\tuéU😀")),
    (#""\b\f\r""#, .string("\u{08}\u{0C}\r")),
    ("'C:\\path\\no\\escapes'", .string(#"C:\path\no\escapes"#)),
    ("''", .string("")),
    ("'a \"quoted\" word'", .string("a \"quoted\" word")),
    ("0", .integer(0)),
    ("42", .integer(42)),
    ("+17", .integer(17)),
    ("-5", .integer(-5)),
    ("-0", .integer(0)),
    ("1_000_000", .integer(1_000_000)),
    ("9223372036854775807", .integer(Int.max)),
    ("-9223372036854775808", .integer(Int.min)),
    ("1.5", .float(1.5)),
    ("-0.36", .float(-0.36)),
    ("+0.5", .float(0.5)),
    ("1e3", .float(1000)),
    ("1E3", .float(1000)),
    ("2.5e-3", .float(0.0025)),
    ("6.02e+23", .float(6.02e23)),
    ("1e06", .float(1e6)),
    ("1_000.5", .float(1000.5)),
    ("inf", .float(.infinity)),
    ("-inf", .float(-.infinity)),
    ("true", .boolean(true)),
    ("false", .boolean(false)),
    ("2025-02-01", .date(date("2025-02-01"))),
    ("2024-02-29", .date(date("2024-02-29"))),
    ("[]", .array([])),
    ("[1, 'a', true]", .array([
        TOMLValue(kind: .integer(1), line: 1),
        TOMLValue(kind: .string("a"), line: 1),
        TOMLValue(kind: .boolean(true), line: 1),
    ])),
    ("[[1], []]", .array([
        TOMLValue(kind: .array([TOMLValue(kind: .integer(1), line: 1)]), line: 1),
        TOMLValue(kind: .array([]), line: 1),
    ])),
    ("{}", .table(TOMLTable(line: 1))),
]

@Test(arguments: scalarCases)
func tomlScalarValues(source: String, expected: TOMLValue.Kind) throws {
    let table = try TOMLParser.parse("v = \(source)\n")
    #expect(table.keys == ["v"])
    #expect(table["v"] == TOMLValue(kind: expected, line: 1))
    #expect(table.keyLine("v") == 1)
}

@Test func tomlNaNIsAFloat() throws {
    let table = try TOMLParser.parse("a = nan\nb = -nan\n")
    for key in ["a", "b"] {
        guard case .float(let value)? = table[key]?.kind else {
            Issue.record("\(key) is not a float")
            continue
        }
        #expect(value.isNaN)
    }
}

@Test func tomlTypeNames() throws {
    let table = try TOMLParser.parse("""
        s = "x"
        i = 1
        f = 1.0
        b = true
        d = 2025-02-01
        a = [1]
        t = {}
        """)
    #expect(table.keys.map { table[$0]!.typeName } == ["string", "integer", "float", "boolean", "date", "array", "table"])
}
