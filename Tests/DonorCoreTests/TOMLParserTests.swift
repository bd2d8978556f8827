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

// MARK: - Lines of keys and values in a whole document

private let policyDocument = """
    # Donation policy
    title = "policy"   # trailing comment
    owner.name = "House"
    owner.since = 2020-01-15

    [limits]
    whole_blood = { min_age = 18, max_age = 60 }
    intervals = [
      180,   # days
      14,
      [1, 2],
    ]

    [limits.weights.male]
    min = 50.5

    [[award]]
    name = "Silver"
    count = 10

    [[award]]
    name = "Gold"
    extra = { level.rank = 2, note = 'x', list = [
        3,
      ], after = true }

    [limits.weights]
    unit = "kg"
    notes = \"\"\"
    first
    second\"\"\"
    after = 1
    """

/// Follows `a.b[1].c`-style paths; returns the key's line and the value.
private func lookup(_ table: TOMLTable, _ path: String) -> (keyLine: Int?, value: TOMLValue?) {
    var table = table
    var result: (keyLine: Int?, value: TOMLValue?) = (nil, nil)
    for part in path.split(separator: ".") {
        var key = String(part)
        var index: Int?
        if let open = key.firstIndex(of: "[") {
            index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)])
            key = String(key[..<open])
        }
        result = (table.keyLine(key), table[key])
        if let index, case .array(let items)? = result.value?.kind {
            result.value = items[index]
        }
        if case .table(let next)? = result.value?.kind { table = next }
    }
    return result
}

private let documentCases: [(path: String, keyLine: Int, valueLine: Int, kind: TOMLValue.Kind?)] = [
    ("title", 2, 2, .string("policy")),
    ("owner", 3, 3, nil),
    ("owner.name", 3, 3, .string("House")),
    ("owner.since", 4, 4, .date(date("2020-01-15"))),
    ("limits", 6, 6, nil),
    ("limits.whole_blood", 7, 7, nil),
    ("limits.whole_blood.min_age", 7, 7, .integer(18)),
    ("limits.whole_blood.max_age", 7, 7, .integer(60)),
    ("limits.intervals", 8, 8, nil),
    ("limits.intervals[0]", 8, 9, .integer(180)),
    ("limits.intervals[1]", 8, 10, .integer(14)),
    ("limits.intervals[2]", 8, 11, .array([
        TOMLValue(kind: .integer(1), line: 11), TOMLValue(kind: .integer(2), line: 11),
    ])),
    ("limits.weights", 27, 27, nil),
    ("limits.weights.male", 14, 14, nil),
    ("limits.weights.male.min", 15, 15, .float(50.5)),
    ("limits.weights.unit", 28, 28, .string("kg")),
    ("limits.weights.notes", 29, 29, .string("first\nsecond")),
    ("limits.weights.after", 32, 32, .integer(1)),
    ("award", 17, 17, nil),
    ("award[0]", 17, 17, nil),
    ("award[0].name", 18, 18, .string("Silver")),
    ("award[0].count", 19, 19, .integer(10)),
    ("award[1]", 17, 21, nil),
    ("award[1].name", 22, 22, .string("Gold")),
    ("award[1].extra", 23, 23, nil),
    ("award[1].extra.level", 23, 23, nil),
    ("award[1].extra.level.rank", 23, 23, .integer(2)),
    ("award[1].extra.note", 23, 23, .string("x")),
    ("award[1].extra.list", 23, 23, .array([TOMLValue(kind: .integer(3), line: 24)])),
    ("award[1].extra.after", 25, 25, .boolean(true)),
]

@Test(arguments: documentCases)
func tomlDocumentLines(path: String, keyLine: Int, valueLine: Int, kind: TOMLValue.Kind?) throws {
    let root = try TOMLParser.parse(policyDocument)
    let (foundKeyLine, value) = lookup(root, path)
    #expect(foundKeyLine == keyLine)
    #expect(value?.line == valueLine)
    if let kind { #expect(value?.kind == kind) }
}

@Test func tomlDocumentStructure() throws {
    let root = try TOMLParser.parse(policyDocument)
    #expect(root.line == 1)
    #expect(root.keys == ["title", "owner", "limits", "award"])
    guard case .table(let limits)? = root["limits"]?.kind,
          case .table(let weights)? = limits["weights"]?.kind,
          case .array(let awards)? = root["award"]?.kind,
          case .table(let gold)? = awards.last?.kind else {
        Issue.record("unexpected structure")
        return
    }
    #expect(limits.line == 6)
    #expect(limits.keys == ["whole_blood", "intervals", "weights"])
    #expect(weights.line == 27)
    #expect(weights.keys == ["male", "unit", "notes", "after"])
    #expect(awards.count == 2)
    #expect(gold.line == 21)
    #expect(gold.keys == ["name", "extra"])
    #expect(gold.keyLine("count") == nil)
    #expect(gold["count"] == nil)
}

// MARK: - Multi-line strings

private let multilineCases: [(source: String, expected: String, nextLine: Int)] = [
    ("\"\"\"\nline one\nline two\n\"\"\"", "line one\nline two\n", 5),
    ("\"\"\"no newline\"\"\"", "no newline", 2),
    ("\"\"\"tab\\there \\\"q\\\" \\u4E2D\"\"\"", "tab\there \"q\" 中", 2),
    ("\"\"\"\nfolded \\\n    onto \\\n\n    one line\"\"\"", "folded onto one line", 6),
    ("\"\"\"two \"\"quotes\"\" inside\"\"\"", "two \"\"quotes\"\" inside", 2),
    ("\"\"\"ends with quotes\"\"\"\"\"", "ends with quotes\"\"", 2),
    ("'''\nraw \\n C:\\dir\n'''", "raw \\n C:\\dir\n", 4),
    ("'''it''s'''", "it''s", 2),
    ("'''ends'''''", "ends''", 2),
    ("\"\"\"\r\nwindows\r\nlines\"\"\"", "windows\nlines", 4),
]

@Test(arguments: multilineCases)
func tomlMultilineStrings(source: String, expected: String, nextLine: Int) throws {
    let table = try TOMLParser.parse("s = \(source)\nnext = 1\n")
    #expect(table["s"] == TOMLValue(kind: .string(expected), line: 1))
    #expect(table.keyLine("next") == nextLine)
}

// MARK: - Chinese content

@Test func tomlChineseDocument() throws {
    let root = try TOMLParser.parse("""
        # 献血屋政策
        [house]
        "名称" = "上海市血液中心 · 第一献血屋"
        '地址' = '南京西路 1 号'
        "献血.间隔" = 180
        "转义" = "\\u732E\\u8840"

        [award."银奖"]
        "说明" = \"\"\"
        连续献血
        十次\"\"\"
        "次数" = 10
        """)
    #expect(root.keys == ["house", "award"])
    guard case .table(let house)? = root["house"]?.kind,
          case .table(let award)? = root["award"]?.kind,
          case .table(let silver)? = award["银奖"]?.kind else {
        Issue.record("unexpected structure")
        return
    }
    #expect(house.keys == ["名称", "地址", "献血.间隔", "转义"])
    #expect(house["名称"] == TOMLValue(kind: .string("上海市血液中心 · 第一献血屋"), line: 3))
    #expect(house["地址"] == TOMLValue(kind: .string("南京西路 1 号"), line: 4))
    #expect(house["献血.间隔"] == TOMLValue(kind: .integer(180), line: 5))
    #expect(house["转义"] == TOMLValue(kind: .string("献血"), line: 6))
    #expect(house.keyLine("地址") == 4)
    #expect(award.keyLine("银奖") == 8)
    #expect(silver.line == 8)
    #expect(silver["说明"] == TOMLValue(kind: .string("连续献血\n十次"), line: 9))
    #expect(silver.keyLine("次数") == 12)
}

@Test func tomlChineseKeysInErrors() {
    #expect(parseError("[award]\n\"银奖\" = 1\n\"银奖\" = 2\n")
        == TOMLError(line: 3, message: "duplicate key 'award.银奖' (first defined on line 2)"))
    #expect(parseError("献血 = 1\n") == TOMLError(line: 1,
        message: "invalid character '献' in a bare key; put keys with non-ASCII characters in quotes"))
    #expect(parseError("a = \"献血\nb = 1\n")
        == TOMLError(line: 1, message: "unterminated string: missing closing '\"'"))
}

// MARK: - Line endings

@Test func tomlLineEndings() throws {
    let table = try TOMLParser.parse("\u{FEFF}a = 1\r\n\r\nb = [\r\n  2,\r\n]\r\n")
    #expect(table.keyLine("a") == 1)
    #expect(table.keyLine("b") == 3)
    #expect(table["b"] == TOMLValue(kind: .array([TOMLValue(kind: .integer(2), line: 4)]), line: 3))
    #expect(parseError("a = 1\rb = 2") == TOMLError(line: 1, message: "carriage return without a line feed"))
    #expect(try TOMLParser.parse("").keys.isEmpty)
    #expect(try TOMLParser.parse("# only a comment").keys.isEmpty)
}

// MARK: - Errors

private let times = "times are not supported in this file; write a date like 2025-02-01"
private let badUnicode = "invalid unicode escape: \\u needs 4 hexadecimal digits naming a Unicode scalar value"

private let errorCases: [(source: String, line: Int, message: String)] = [
    // Duplicate keys and redefined tables.
    ("a = 1\nb = 2\na = 3", 3, "duplicate key 'a' (first defined on line 1)"),
    ("[t]\nx = 1\n\nx = 2", 4, "duplicate key 't.x' (first defined on line 2)"),
    ("t = { x = 1, x = 2 }", 1, "duplicate key 't.x' (first defined on line 1)"),
    ("a.b = 1\n# c\na.b = 2", 3, "duplicate key 'a.b' (first defined on line 1)"),
    ("[[a]]\nx = 1\nx = 2", 3, "duplicate key 'a.x' (first defined on line 2)"),
    ("a = 1\na.b = 2", 2, "key 'a' already has an integer value (line 1)"),
    ("a = {x = 1}\na.y = 2", 2, "'a' is an inline table (line 1) and cannot be extended"),
    ("[t]\nx = 1\n[u]\n[t]", 4, "table [t] is defined more than once (first on line 1)"),
    ("[a.b]\n[a]\n[a]", 3, "table [a] is defined more than once (first on line 2)"),
    ("a.b = 1\n[a]", 2, "table [a] was already defined with dotted keys on line 1"),
    ("a = 1\n[a.b]", 2, "cannot define table [a.b]: key 'a' already has an integer value (line 1)"),
    ("a = 'x'\n[a]", 2, "cannot define table [a]: key 'a' already has a string value (line 1)"),
    ("a = {x = 1}\n[a.b]", 2, "cannot define table [a.b]: 'a' is an inline table (line 1) and cannot be extended"),
    ("[a.b]\n[a]\nb.c = 1", 3, "table 'a.b' was defined on line 1 and cannot be extended with dotted keys"),
    ("[a]\n[[a]]", 2, "cannot define array of tables [[a]]: 'a' is already a table (line 1)"),
    ("[[a]]\n[[a]]\n[a]", 3, "cannot define table [a]: 'a' is already an array of tables (line 1)"),
    ("a = [1]\n[[a]]", 2, "cannot append [[a]] to the array 'a' defined with '=' on line 1"),
    // Strings.
    ("a = 1\nb = \"abc\nc = 2", 2, "unterminated string: missing closing '\"'"),
    ("b = 'abc", 1, "unterminated string: missing closing \"'\""),
    ("a = 1\nb = \"\"\"abc\n\ndef", 2, "unterminated multi-line string: missing closing \"\"\""),
    ("b = '''abc\n", 1, "unterminated multi-line string: missing closing '''"),
    ("a = \"x\\qy\"", 1, "invalid escape sequence '\\q' in string"),
    ("a = \"x\\ y\"", 1, "invalid escape sequence '\\ ' in string"),
    ("a = \"\"\"x\n\\e\"\"\"", 2, "invalid escape sequence '\\e' in string"),
    ("a = \"\\u12G4\"", 1, badUnicode),
    ("a = \"\\uD800\"", 1, badUnicode),
    ("a = \"\\u12\"", 1, badUnicode),
    ("a = \"\\UFFFFFFFF\"", 1,
     "invalid unicode escape: \\U needs 8 hexadecimal digits naming a Unicode scalar value"),
    ("a = \"x\u{01}\"", 1, "control character in string"),
    ("a = '''x\u{7F}'''", 1, "control character in string"),
    ("a = \"\"\"x\"\"\"\"\"\"", 1, "too many quotes at the end of a multi-line string"),
    // Keys, '=' and values.
    ("a = 1\nfoo 1", 2, "expected '=' after key 'foo'"),
    ("[t]\nfoo", 2, "expected '=' after key 't.foo'"),
    ("t = { a 1 }", 1, "expected '=' after key 't.a'"),
    ("a =\nb = 1", 1, "missing value for key 'a'"),
    ("[t]\na = # nothing", 2, "missing value for key 't.a'"),
    ("a =", 1, "missing value for key 'a'"),
    ("t = { a = }", 1, "missing value for key 't.a'"),
    ("a. = 1", 1, "expected a key after '.', found '='"),
    ("= 1", 1, "expected a key, found '='"),
    ("\"\"\"a\"\"\" = 1", 1, "a multi-line string cannot be used as a key"),
    ("a = yes", 1, "invalid value 'yes' (strings must be in quotes)"),
    ("a = tru", 1, "invalid value 'tru' (strings must be in quotes)"),
    ("a = [1, , 2]", 1, "expected a value, found ','"),
    // Trailing text after a value or header.
    ("a = 1 2", 1, "expected a newline or comment after the value of 'a', found '2'"),
    ("a = \"x\" b = 2", 1, "expected a newline or comment after the value of 'a', found 'b'"),
    ("a = 'x'y", 1, "expected a newline or comment after the value of 'a', found 'y'"),
    ("[t]\nx = [1] ]", 2, "expected a newline or comment after the value of 't.x', found ']'"),
    ("a = 1,", 1, "expected a newline or comment after the value of 'a', found ','"),
    ("[t] x = 1", 1, "expected a newline or comment after header [t], found 'x'"),
    ("[t]]", 1, "expected a newline or comment after header [t], found ']'"),
    ("[[t]] #ok\n[[t]] x", 2, "expected a newline or comment after header [[t]], found 'x'"),
    // Numbers.
    ("a = 1__0", 1, "invalid number '1__0'"),
    ("a = 01", 1, "invalid number '01'"),
    ("a = 1_", 1, "invalid number '1_'"),
    ("a = 1.", 1, "invalid number '1.'"),
    ("a = .5", 1, "invalid number '.5'"),
    ("a = 1e", 1, "invalid number '1e'"),
    ("a = 1.5.3", 1, "invalid number '1.5.3'"),
    ("a = 1x", 1, "invalid number '1x'"),
    ("a = +-1", 1, "invalid number '+-1'"),
    ("a = 00.5", 1, "invalid number '00.5'"),
    ("a = 1e400", 1, "float '1e400' is out of range"),
    ("a = 9223372036854775808", 1, "integer '9223372036854775808' is out of range"),
    ("a = 0x1F", 1, "hexadecimal, octal and binary integers are not supported; write '0x1F' in decimal"),
    ("a = 0o17", 1, "hexadecimal, octal and binary integers are not supported; write '0o17' in decimal"),
    ("a = 0b101", 1, "hexadecimal, octal and binary integers are not supported; write '0b101' in decimal"),
    // Dates and times.
    ("a = 1\nd = 2026-02-30", 2, "invalid date '2026-02-30'"),
    ("d = 2025-13-01", 1, "invalid date '2025-13-01'"),
    ("d = 2025-02-01x", 1, "invalid date '2025-02-01x'"),
    ("d = 2025-2-1", 1, "invalid date '2025-2-1'"),
    ("d = 1-1", 1, "invalid date '1-1'"),
    ("d = 2025-02-01T10:00:00Z", 1, times),
    ("d = 2025-02-01T10:00:00+08:00", 1, times),
    ("d = 2025-02-01 10:00:00", 1, times),
    ("d = 2025-02-01t10", 1, times),
    ("t = 07:32:00", 1, times),
    // Unclosed arrays, inline tables and headers.
    ("a = [\n1,\n2\n", 1, "unclosed array: missing ']'"),
    ("x = 0\na = [[1, 2]", 2, "unclosed array: missing ']'"),
    ("a = [\n1\n2\n]", 3, "expected ',' or ']' after an array element, found '2' (array opened on line 1)"),
    ("t = { a = 1\nb = 2", 1, "unclosed inline table: missing '}' (an inline table must end on the line it starts)"),
    ("t = { a = 1 # c }", 1, "unclosed inline table: missing '}' (an inline table must end on the line it starts)"),
    ("t = {\na = 1 }", 1, "unclosed inline table: missing '}' (an inline table must end on the line it starts)"),
    ("t = { a = 1, }", 1, "trailing comma is not allowed in an inline table"),
    ("t = { a = 1 b = 2 }", 1, "expected ',' or '}' in inline table, found 'b'"),
    ("[t\nx = 1", 1, "unclosed table header [t: missing ']'"),
    ("a = 1\n[[t]\n", 2, "unclosed table header [[t: missing ']]'"),
    ("[t x]", 1, "expected ']' after table header [t, found 'x'"),
    ("[]", 1, "expected a key, found ']'"),
    // Comments.
    ("a = 1 # bad \u{01} control", 1, "control character in comment"),
]

@Test(arguments: errorCases)
func tomlErrors(source: String, line: Int, message: String) {
    #expect(parseError(source) == TOMLError(line: line, message: message))
}

@Test func tomlErrorDescription() {
    #expect(TOMLError(line: 7, message: "expected '=' after key 'foo'").description
        == "line 7: expected '=' after key 'foo'")
}

// MARK: - Valid table rules

/// `key:keyLine=value@line`, tables as `{...}`, arrays as `[...]`.
private func dump(_ table: TOMLTable) -> String {
    "{" + table.keys.map { "\($0):\(table.keyLine($0)!)=\(dump(table[$0]!))" }.joined(separator: " ") + "}"
}

private func dump(_ value: TOMLValue) -> String {
    let body: String
    switch value.kind {
    case .string(let text): body = "\"\(text)\""
    case .integer(let number): body = "\(number)"
    case .float(let number): body = "\(number)"
    case .boolean(let flag): body = "\(flag)"
    case .date(let day): body = day.iso
    case .array(let items): body = "[" + items.map(dump).joined(separator: " ") + "]"
    case .table(let table): body = dump(table)
    }
    return "\(body)@\(value.line)"
}

private let structureCases: [(source: String, dumped: String)] = [
    ("a . b = 1\n\"\" = 2\n'x y'.\"z\" = 3",
     #"{a:1={b:1=1@1}@1 :2=2@2 x y:3={z:3=3@3}@3}"#),
    ("[a.b.c]\nx = 1\n[a]\ny = 2",
     "{a:3={b:1={c:1={x:2=1@2}@1}@1 y:4=2@4}@3}"),
    ("[fruit]\napple.color = 'red'\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
     #"{fruit:1={apple:2={color:2="red"@2 taste:3={sweet:3=true@3}@3 texture:4={smooth:5=true@5}@4}@2}@1}"#),
    ("[[a]]\nx = 1\n[[a.b]]\ny = 2\n[[a]]\n[[a.b]]\n[[a.b]]\nz = 3",
     "{a:1=[{x:2=1@2 b:3=[{y:4=2@4}@3]@3}@1 {b:6=[{}@6 {z:8=3@8}@7]@6}@5]@1}"),
    ("[[a]]\n[a.b]\nc = 1",
     "{a:1=[{b:2={c:3=1@3}@2}@1]@1}"),
    ("points = [\n  { x = 1 },\n  { x = 2, y.z = 3 },\n]",
     "{points:1=[{x:2=1@2}@2 {x:3=2@3 y:3={z:3=3@3}@3}@3]@1}"),
    ("t = { a = [\n1,\n], b = \"\"\"\nq\"\"\", c = 2 }\nnext = 1",
     #"{t:1={a:1=[1@2]@1 b:3="q"@3 c:4=2@4}@1 next:5=1@5}"#),
    ("[t]\n[t.u]\n[v]\n[t.w]",
     "{t:1={u:2={}@2 w:4={}@4}@1 v:3={}@3}"),
    ("a = [1, 1.5, 'x', 2025-02-01, [true], {k = 'v'}, ]",
     #"{a:1=[1@1 1.5@1 "x"@1 2025-02-01@1 [true@1]@1 {k:1="v"@1}@1]@1}"#),
    ("[ a . 'b c' ]\nv = 1\n[[ d ]]",
     "{a:1={b c:1={v:2=1@2}@1}@1 d:3=[{}@3]@3}"),
]

@Test(arguments: structureCases)
func tomlTableStructure(source: String, dumped: String) throws {
    #expect(dump(try TOMLParser.parse(source)) == dumped)
}
