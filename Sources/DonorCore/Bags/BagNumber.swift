/// The format a blood centre prints on its bags, read from the policy's `[bags]` section.
///
/// Many Chinese centres use ISBT 128; others their own numeric codes, so the format is data.
public enum BagRules: Sendable, Hashable {
    /// ISBT 128 Donation Identification Number: 5-character facility code, 2-digit year,
    /// 6-digit sequence and an ISO 7064 MOD 37-2 check character.
    case isbt128
    /// A local code of exactly `length` digits, no check character.
    case digits(length: Int)
}

/// Why a scanned or typed bag number was refused.
public enum BagRejection: Error, Sendable, Hashable {
    /// The policy has no `[bags]` section: no number can be checked.
    case noFormat
    case wrongLength(got: Int, expected: Int)
    /// A character not allowed at `position` (1-based).
    case illegalCharacter(position: Int)
    /// The check character does not match; `expected` is what the rest computes to.
    case checkCharacter(expected: Character)

    /// The UI string key explaining it (`bag.rejected.*`).
    public var messageKey: String {
        switch self {
        case .noFormat: return "bag.rejected.no_format"
        case .wrongLength: return "bag.rejected.length"
        case .illegalCharacter: return "bag.rejected.character"
        case .checkCharacter: return "bag.rejected.check"
        }
    }

    /// The values for the message's placeholders.
    public var values: [String: String] {
        switch self {
        case .noFormat: return [:]
        case .wrongLength(let got, let expected): return ["got": "\(got)", "expected": "\(expected)"]
        case .illegalCharacter(let position): return ["position": "\(position)"]
        case .checkCharacter(let expected): return ["expected": String(expected)]
        }
    }
}

/// Checks bag numbers against the policy's format. Pure; the store refuses a number seen
/// before, which needs the history and is not a format question.
public enum BagNumber {
    /// The characters of ISO 7064 MOD 37-2, by value.
    static let mod37Alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*")

    /// The normalised number (spaces and the ISBT data identifier `=` removed, upper case) or
    /// the first thing wrong with it.
    public static func validate(_ raw: String, rules: BagRules?) -> Result<String, BagRejection> {
        guard let rules else { return .failure(.noFormat) }
        var text = raw.uppercased().filter { $0 != " " && $0 != "-" }
        switch rules {
        case .digits(let length):
            guard text.count == length else { return .failure(.wrongLength(got: text.count, expected: length)) }
            for (offset, c) in text.enumerated() where !c.isASCIIDigit {
                return .failure(.illegalCharacter(position: offset + 1))
            }
            return .success(text)
        case .isbt128:
            // A scanner reads the data identifier "=" before the DIN; people type without it.
            if text.hasPrefix("=") { text.removeFirst() }
            guard text.count == 14 else { return .failure(.wrongLength(got: text.count, expected: 14)) }
            let characters = Array(text)
            for (offset, c) in characters.prefix(13).enumerated() {
                let allowed = offset < 5 ? (c.isASCIIDigit || ("A"..."Z").contains(c)) : c.isASCIIDigit
                if !allowed { return .failure(.illegalCharacter(position: offset + 1)) }
            }
            let expected = mod37Check(String(characters.prefix(13)))
            guard characters[13] == expected else { return .failure(.checkCharacter(expected: expected)) }
            return .success(text)
        }
    }

    /// The ISO 7064 MOD 37-2 check character of `data` (digits and A–Z).
    public static func mod37Check(_ data: String) -> Character {
        var sum = 0
        for c in data {
            let value = mod37Alphabet.firstIndex(of: c) ?? 0
            sum = ((sum + value) * 2) % 37
        }
        return mod37Alphabet[(38 - sum) % 37]
    }
}
