/// A mutable table used while a document is being read, so the rules about defining
/// tables once can be checked; frozen into a `TOMLTable` at the end.
final class TOMLNode {
    /// How the table came to exist, which decides how it may be extended later.
    enum Origin {
        /// The document's root table.
        case root
        /// Defined by a `[header]` or `[[header]]`.
        case header
        /// Created as a parent of a header (`a` in `[a.b]`); may still get its own header.
        case implicit
        /// Created by a dotted key (`a` in `a.b = 1`); may be extended by dotted keys.
        case dotted
        /// Being built by an inline table `{ ... }`.
        case inline
    }

    enum Entry {
        case value(TOMLValue)
        case table(TOMLNode)
        case tables([TOMLNode], line: Int)
    }

    var line: Int
    var origin: Origin
    private(set) var keys: [String] = []
    private(set) var entries: [String: Entry] = [:]
    private(set) var keyLines: [String: Int] = [:]

    init(line: Int, origin: Origin) {
        self.line = line
        self.origin = origin
    }

    private func add(_ key: String, _ entry: Entry, line: Int) {
        if entries.updateValue(entry, forKey: key) == nil { keys.append(key) }
        keyLines[key] = line
    }

    /// Inserts `path = value` read on `line`; `prefix` is the path of this table, for messages.
    func insert(_ path: [String], _ value: TOMLValue, line: Int, prefix: [String]) throws(TOMLError) {
        var node = self
        for (index, key) in path.dropLast().enumerated() {
            let shown = display(prefix + path.prefix(index + 1))
            switch node.entries[key] {
            case nil:
                let child = TOMLNode(line: line, origin: .dotted)
                node.add(key, .table(child), line: line)
                node = child
            case .table(let child)? where child.origin == .dotted:
                node = child
            case .table(let child)?:
                throw TOMLError(line: line, message: "table '\(shown)' was defined on line \(child.line) "
                    + "and cannot be extended with dotted keys")
            case .tables(_, let first)?:
                throw TOMLError(line: line, message: "'\(shown)' is an array of tables (line \(first)) "
                    + "and cannot be extended with dotted keys")
            case .value(let existing)?:
                throw TOMLError(line: line, message: Self.notATable(shown, existing))
            }
        }
        let last = path[path.count - 1]
        if let first = node.keyLines[last] {
            throw TOMLError(line: line, message: "duplicate key '\(display(prefix + path))' "
                + "(first defined on line \(first))")
        }
        node.add(last, .value(value), line: line)
    }

    /// Finds or creates the table for a `[path]` (or `[[path]]` when `isArray`) header
    /// on `line`, returning the table that following keys belong to.
    func defineTable(_ path: [String], isArray: Bool, line: Int) throws(TOMLError) -> TOMLNode {
        let header = isArray ? "[[\(display(path))]]" : "[\(display(path))]"
        var node = self
        for (index, key) in path.dropLast().enumerated() {
            switch node.entries[key] {
            case nil:
                let child = TOMLNode(line: line, origin: .implicit)
                node.add(key, .table(child), line: line)
                node = child
            case .table(let child)?:
                node = child
            case .tables(let elements, _)?:
                node = elements[elements.count - 1]
            case .value(let existing)?:
                let shown = display(path.prefix(index + 1))
                throw TOMLError(line: line, message: "cannot define table \(header): "
                    + Self.notATable(shown, existing))
            }
        }
        let last = path[path.count - 1]
        let shown = display(path)
        switch (node.entries[last], isArray) {
        case (nil, false):
            let child = TOMLNode(line: line, origin: .header)
            node.add(last, .table(child), line: line)
            return child
        case (nil, true):
            let child = TOMLNode(line: line, origin: .header)
            node.add(last, .tables([child], line: line), line: line)
            return child
        case (.tables(let elements, let first)?, true):
            let child = TOMLNode(line: line, origin: .header)
            node.add(last, .tables(elements + [child], line: first), line: first)
            return child
        case (.table(let child)?, false) where child.origin == .implicit:
            child.origin = .header
            child.line = line
            node.keyLines[last] = line
            return child
        case (.table(let child)?, false) where child.origin == .dotted:
            throw TOMLError(line: line, message: "table \(header) was already defined with dotted keys "
                + "on line \(child.line)")
        case (.table(let child)?, false):
            throw TOMLError(line: line, message: "table \(header) is defined more than once "
                + "(first on line \(child.line))")
        case (.table(let child)?, true):
            throw TOMLError(line: line, message: "cannot define array of tables \(header): "
                + "'\(shown)' is already a table (line \(child.line))")
        case (.tables(_, let first)?, false):
            throw TOMLError(line: line, message: "cannot define table \(header): "
                + "'\(shown)' is already an array of tables (line \(first))")
        case (.value(let existing)?, _):
            if isArray, case .array = existing.kind {
                throw TOMLError(line: line, message: "cannot append \(header) to the array '\(shown)' "
                    + "defined with '=' on line \(existing.line)")
            }
            throw TOMLError(line: line, message: "cannot define table \(header): "
                + Self.notATable(shown, existing))
        }
    }

    /// The finished table.
    func freeze() -> TOMLTable {
        var table = TOMLTable(line: line)
        for key in keys {
            guard let entry = entries[key], let keyLine = keyLines[key] else { continue }
            switch entry {
            case .value(let value):
                table.set(key, value, keyLine: keyLine)
            case .table(let child):
                table.set(key, TOMLValue(kind: .table(child.freeze()), line: child.line), keyLine: keyLine)
            case .tables(let elements, let first):
                let values = elements.map { TOMLValue(kind: .table($0.freeze()), line: $0.line) }
                table.set(key, TOMLValue(kind: .array(values), line: first), keyLine: keyLine)
            }
        }
        return table
    }

    private static func notATable(_ shown: String, _ existing: TOMLValue) -> String {
        if case .table = existing.kind {
            return "'\(shown)' is an inline table (line \(existing.line)) and cannot be extended"
        }
        return "key '\(shown)' already has a\(existing.typeName == "integer" || existing.typeName == "array" ? "n" : "") "
            + "\(existing.typeName) value (line \(existing.line))"
    }
}

/// A key path as written in messages: `a.b."c d"`.
func display<S: Sequence>(_ path: S) -> String where S.Element == String {
    path.map { part in
        let bare = !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x80 || TOMLScanner.isBareKeyByte($0) }
        return bare ? part : "\"\(part)\""
    }.joined(separator: ".")
}
