import Foundation

/// The UI's texts in one language, loaded from `assets/strings/<language>.toml`.
///
/// Keys are dotted paths (`eligibility.pulse.low`), written either as `[eligibility]` tables or
/// as quoted keys. Texts hold `{name}` placeholders filled from a value dictionary.
public struct UIStrings: Sendable {
    /// "zh-Hans" or "en".
    public let language: String
    private let texts: [String: String]

    public init(language: String, texts: [String: String]) {
        self.language = language
        self.texts = texts
    }

    /// The languages the kiosk ships, Chinese first.
    public static let languages = ["zh-Hans", "en"]

    /// Loads `<assets>/strings/<language>.toml`.
    public static func load(assets: String, language: String) throws(PolicyError) -> UIStrings {
        guard languages.contains(language) else {
            throw PolicyError(file: "language", key: nil, line: nil,
                              message: "unknown language \"\(language)\" (expected zh-Hans or en)")
        }
        let path = (assets as NSString).appendingPathComponent("strings/\(language).toml")
        let text = try PolicyLoader.readText(path)
        let root = try PolicyLoader.parseTOML(text, file: path)
        var texts: [String: String] = [:]
        try flatten(root.toml, prefix: "", into: &texts, file: path)
        return UIStrings(language: language, texts: texts)
    }

    private static func flatten(_ table: TOMLTable, prefix: String, into texts: inout [String: String], file: String) throws(PolicyError) {
        for key in table.keys {
            let path = prefix.isEmpty ? key : "\(prefix).\(key)"
            guard let value = table[key] else { continue }
            switch value.kind {
            case .string(let s): texts[path] = s
            case .table(let t): try flatten(t, prefix: path, into: &texts, file: file)
            default:
                throw PolicyError(file: file, key: path, line: value.line, message: "expected a text, found \(value.typeName)")
            }
        }
    }

    /// Whether the language is Chinese (for policy texts that carry both languages).
    public var isChinese: Bool { language.hasPrefix("zh") }

    /// The text for `key` with `{name}` placeholders filled; the key itself when missing, so a
    /// gap shows up on screen instead of an empty line.
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        guard var text = texts[key] else { return key }
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    /// Whether a text exists for `key`.
    public func has(_ key: String) -> Bool { texts[key] != nil }

    /// A policy text in this language.
    public func pick(_ text: LocalizedText) -> String { isChinese ? text.zh : text.en }

    /// Every key, for completeness checks between languages.
    public var keys: Set<String> { Set(texts.keys) }
}
