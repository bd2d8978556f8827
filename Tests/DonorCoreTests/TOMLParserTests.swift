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
