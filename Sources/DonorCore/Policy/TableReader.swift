import Foundation

/// Reads typed values out of a TOML table, turning every problem into a `PolicyError` that
/// names the file, the full key path and the line.
struct TableReader {
    let toml: TOMLTable
    /// The dotted path of this table ("" for the root).
    let path: String
    let file: String

    init(_ table: TOMLTable, path: String = "", file: String) {
        self.toml = table
        self.path = path
        self.file = file
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String?, _ message: String, line: Int? = nil) -> PolicyError {
        PolicyError(
            file: file, key: key.map(keyPath) ?? (path.isEmpty ? nil : path),
            line: line ?? key.flatMap { toml.keyLine($0) } ?? toml.line, message: message)
    }

    private func required(_ key: String) throws(PolicyError) -> TOMLValue {
        guard let value = toml[key] else { throw error(key, "missing key") }
        return value
    }

    private func mismatch(_ key: String, _ value: TOMLValue, _ expected: String) -> PolicyError {
        error(key, "expected \(expected), found \(value.typeName)", line: value.line)
    }

    func has(_ key: String) -> Bool { toml[key] != nil }

    func string(_ key: String) throws(PolicyError) -> String {
        let value = try required(key)
        guard case .string(let s) = value.kind else { throw mismatch(key, value, "a string") }
        guard !s.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(key, "must not be empty", line: value.line)
        }
        return s
    }

    func int(_ key: String, min: Int? = nil) throws(PolicyError) -> Int {
        let value = try required(key)
        guard case .integer(let n) = value.kind else { throw mismatch(key, value, "an integer") }
        if let min, n < min {
            throw error(key, min == 0 ? "must not be negative (got \(n))" : "must be at least \(min) (got \(n))", line: value.line)
        }
        return n
    }

    /// A number: integer or float.
    func double(_ key: String, min: Double? = nil) throws(PolicyError) -> Double {
        let value = try required(key)
        let n: Double
        switch value.kind {
        case .integer(let i): n = Double(i)
        case .float(let d): n = d
        default: throw mismatch(key, value, "a number")
        }
        if let min, n < min { throw error(key, "must not be below \(min) (got \(n))", line: value.line) }
        return n
    }

    func count(_ key: String) throws(PolicyError) -> CountValue {
        try countValue(required(key), key: key)
    }

    func countValue(_ value: TOMLValue, key: String) throws(PolicyError) -> CountValue {
        let n: Double
        switch value.kind {
        case .integer(let i): n = Double(i)
        case .float(let d): n = d
        default: throw mismatch(key, value, "a number of counts")
        }
        let tenths = (n * 10).rounded()
        guard n >= 0 else { throw error(key, "must not be negative (got \(n))", line: value.line) }
        guard abs(tenths - n * 10) < 1e-9 else {
            throw error(key, "counts are kept to one decimal place (got \(n))", line: value.line)
        }
        return CountValue(tenths: Int(tenths))
    }

    func bool(_ key: String, default defaultValue: Bool? = nil) throws(PolicyError) -> Bool {
        guard let value = toml[key] else {
            if let defaultValue { return defaultValue }
            throw error(key, "missing key")
        }
        guard case .boolean(let b) = value.kind else { throw mismatch(key, value, "true or false") }
        return b
    }

    func date(_ key: String) throws(PolicyError) -> LocalDate {
        let value = try required(key)
        guard case .date(let d) = value.kind else { throw mismatch(key, value, "a date (YYYY-MM-DD)") }
        return d
    }

    func table(_ key: String) throws(PolicyError) -> TableReader {
        let value = try required(key)
        guard case .table(let t) = value.kind else { throw mismatch(key, value, "a table") }
        return TableReader(t, path: keyPath(key), file: file)
    }

    /// An array of tables (`[[key]]`), each with its indexed path (`key[2]`).
    func tables(_ key: String, allowEmpty: Bool = false) throws(PolicyError) -> [TableReader] {
        let value = try required(key)
        guard case .array(let items) = value.kind else { throw mismatch(key, value, "a list of tables") }
        if items.isEmpty && !allowEmpty { throw error(key, "must not be empty", line: value.line) }
        var result: [TableReader] = []
        for (index, item) in items.enumerated() {
            guard case .table(let t) = item.kind else { throw mismatch(key, item, "a table") }
            result.append(TableReader(t, path: "\(keyPath(key))[\(index + 1)]", file: file))
        }
        return result
    }

    /// An array of scalar values with their lines.
    func array(_ key: String, allowEmpty: Bool = false) throws(PolicyError) -> [TOMLValue] {
        let value = try required(key)
        guard case .array(let items) = value.kind else { throw mismatch(key, value, "a list") }
        if items.isEmpty && !allowEmpty { throw error(key, "must not be empty", line: value.line) }
        return items
    }

    func strings(_ key: String, allowEmpty: Bool = false) throws(PolicyError) -> [String] {
        var result: [String] = []
        for item in try array(key, allowEmpty: allowEmpty) {
            guard case .string(let s) = item.kind else { throw mismatch(key, item, "a list of strings") }
            result.append(s)
        }
        return result
    }

    func ints(_ key: String, min: Int = 1) throws(PolicyError) -> [Int] {
        var result: [Int] = []
        for item in try array(key) {
            guard case .integer(let n) = item.kind else { throw mismatch(key, item, "a list of integers") }
            guard n >= min else { throw error(key, "values must be at least \(min) (got \(n))", line: item.line) }
            result.append(n)
        }
        return result
    }

    /// A value of a string-backed enum, naming the accepted values when it is not one.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(PolicyError) -> E
    where E.RawValue == String {
        let raw = try string(key)
        return try choiceValue(raw, key: key, line: toml.keyLine(key))
    }

    func choiceValue<E: RawRepresentable & CaseIterable>(_ raw: String, key: String, line: Int?) throws(PolicyError) -> E
    where E.RawValue == String {
        guard let value = E(rawValue: raw) else {
            let accepted = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw error(key, "unknown value \"\(raw)\" (expected one of \(accepted))", line: line)
        }
        return value
    }

    /// A list of enum values.
    func choices<E: RawRepresentable & CaseIterable & Hashable>(_ key: String, _ type: E.Type, allowEmpty: Bool = false) throws(PolicyError) -> Set<E>
    where E.RawValue == String {
        var result = Set<E>()
        for item in try array(key, allowEmpty: allowEmpty) {
            guard case .string(let s) = item.kind else { throw mismatch(key, item, "a list of strings") }
            let value: E = try choiceValue(s, key: key, line: item.line)
            result.insert(value)
        }
        return result
    }

    func duration(_ key: String) throws(PolicyError) -> PolicyDuration {
        let t = try table(key)
        let unit = try t.choice("unit", PolicyDuration.Unit.self)
        let amount = try t.int("amount", min: 0)
        return PolicyDuration(amount: amount, unit: unit)
    }

    func localized(_ prefix: String) throws(PolicyError) -> LocalizedText {
        LocalizedText(zh: try string("\(prefix)_zh"), en: try string("\(prefix)_en"))
    }
}

