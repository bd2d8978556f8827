import DonorCore
import Foundation

/// What `kiosk id` prints for one parse result, as text for a person or JSON for a program.
///
/// The JSON field names are an interface (scripts and tests read them): keep them snake_case
/// and stable, and print `null` rather than omit a field that has no value.
struct IDReport: Encodable {
    let result: Result<IdentityDocument, IdentityRejection>
    let language: MessageLanguage

    /// One JSON object on one line.
    func json() throws -> String {
        let encoder = JSONEncoder()
        // Sorted keys: the same input always prints the same bytes, so output can be diffed.
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Lines for a person, in `language`.
    func text() -> String {
        let zh = language == .zhHans
        switch result {
        case .failure(let rejection):
            return (zh ? "✗ 无效：" : "✗ Invalid: ") + rejection.message(in: language)
        case .success(let document):
            var lines = [
                zh ? "✓ 有效" : "✓ Valid",
                (zh ? "号码：" : "Number: ") + document.number,
                (zh ? "证件类型：" : "Document type: ") + document.documentType.displayName(in: language),
            ]
            if let birthDate = document.birthDate {
                lines.append((zh ? "出生日期：" : "Birth date: ") + birthDate.iso)
            }
            if let sex = document.sex {
                lines.append((zh ? "性别：" : "Sex: ") + Self.name(of: sex, in: language))
            }
            lines.append((zh ? "脱敏显示：" : "Masked: ") + document.masked)
            if document.upgradedFrom15 {
                lines.append(zh ? "（由 15 位旧号码升级为 18 位）" : "(upgraded from an old 15-digit number)")
            }
            return lines.joined(separator: "\n")
        }
    }

    private static func name(of sex: Sex, in language: MessageLanguage) -> String {
        switch (sex, language) {
        case (.male, .zhHans): return "男"
        case (.female, .zhHans): return "女"
        case (.male, .en): return "male"
        case (.female, .en): return "female"
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        switch result {
        case .success(let document):
            try container.encode(true, forKey: "valid")
            try container.encode(document.number, forKey: "normalized")
            try container.encode(document.documentType.rawValue, forKey: "document_type")
            try container.encode(document.birthDate?.iso, forKey: "birth_date")
            try container.encode(document.sex?.rawValue, forKey: "sex")
            try container.encode(document.masked, forKey: "masked")
            try container.encode(document.upgradedFrom15, forKey: "upgraded_from_15")
        case .failure(let rejection):
            try container.encode(false, forKey: "valid")
            var error = container.nestedContainer(keyedBy: JSONKey.self, forKey: "error")
            try error.encode(rejection.code, forKey: "code")
            try error.encode(rejection.message(in: language), forKey: "message")
            try Self.encodeDetails(of: rejection, into: &error)
        }
    }

    /// The rejection's associated values as fields, so a program need not parse the message.
    private static func encodeDetails(
        of rejection: IdentityRejection, into error: inout KeyedEncodingContainer<JSONKey>
    ) throws {
        switch rejection {
        case .wrongLength(let got):
            try error.encode(got, forKey: "got")
            try error.encode([18, 15], forKey: "expected")
        case .lengthOutOfRange(let got, let allowed):
            try error.encode(got, forKey: "got")
            try error.encode(allowed.lowerBound, forKey: "min")
            try error.encode(allowed.upperBound, forKey: "max")
        case .illegalCharacter(let character, let position, _):
            try error.encode(String(character), forKey: "character")
            try error.encode(position, forKey: "position")
        case .impossibleDate(let digits):
            try error.encode(digits, forKey: "date")
        case .birthDateInFuture(let date, let today):
            try error.encode(date.iso, forKey: "birth_date")
            try error.encode(today.iso, forKey: "today")
        case .birthDateBefore1900(let date):
            try error.encode(date.iso, forKey: "birth_date")
        case .unknownAddressCode(let prefix):
            try error.encode(prefix, forKey: "prefix")
        case .wrongCheckCharacter(let expected, let found):
            try error.encode(String(expected), forKey: "expected")
            try error.encode(String(found), forKey: "found")
        }
    }
}

/// A JSON object key spelled as a string literal, for objects whose fields depend on a case.
struct JSONKey: CodingKey, ExpressibleByStringLiteral {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
    init(stringLiteral value: String) { self.stringValue = value }
}
