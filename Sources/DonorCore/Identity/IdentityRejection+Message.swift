extension IdentityRejection {
    /// A plain-language sentence for the person at the kiosk saying what is wrong and, where
    /// possible, what to do. Never contains the full number.
    public func message(in language: MessageLanguage) -> String {
        switch language {
        case .zhHans: return chineseMessage
        case .en: return englishMessage
        }
    }

    private var chineseMessage: String {
        switch self {
        case .wrongLength(let got):
            return "号码长度不对：输入了 \(got) 位，身份证号码应为 18 位（旧号码为 15 位）。"
        case .lengthOutOfRange(let got, let allowed):
            return "证件号码长度不对：输入了 \(got) 位，应为 \(allowed.lowerBound)–\(allowed.upperBound) 位字母或数字。"
        case .illegalCharacter(let character, let position, let allowed):
            let quoted = Self.quoted(character)
            switch allowed {
            case .digitsWithCheckX where character == "X":
                return "第 \(position) 位不能是 X：X 只能出现在第 18 位（校验码）。"
            case .digitsWithCheckX:
                return "第 \(position) 位的字符“\(quoted)”无效：身份证号码只能是数字，最后一位可以是 X。"
            case .digitsOnly:
                return "第 \(position) 位的字符“\(quoted)”无效：15 位旧号码只能是数字。"
            case .lettersAndDigits:
                return "第 \(position) 位的字符“\(quoted)”无效：证件号码只能是字母或数字。"
            }
        case .impossibleDate(let digits):
            return "出生日期 \(digits) 不存在，请核对号码中的出生日期。"
        case .birthDateInFuture(let date, let today):
            return "出生日期 \(date.iso) 晚于今天（\(today.iso)），请核对号码。"
        case .birthDateBefore1900(let date):
            return "出生日期 \(date.iso) 早于 1900 年，不可能是在世献血者，请核对号码。"
        case .unknownAddressCode(let prefix):
            return "地址码开头“\(prefix)”不是有效的省级行政区划代码，请核对号码前两位。"
        case .wrongCheckCharacter(let expected, let found):
            return "校验码不对：最后一位应为 \(expected)，而不是 \(Self.quoted(found))。请核对号码是否输错。"
        }
    }

    private var englishMessage: String {
        switch self {
        case .wrongLength(let got):
            return "Wrong length: got \(got) characters; expected 18 (or 15 for an old number)."
        case .lengthOutOfRange(let got, let allowed):
            return "Wrong length: got \(got) characters; expected \(allowed.lowerBound) to \(allowed.upperBound) letters or digits."
        case .illegalCharacter(let character, let position, let allowed):
            let quoted = Self.quoted(character)
            switch allowed {
            case .digitsWithCheckX where character == "X":
                return "X is not allowed at position \(position); it may only be the 18th (check) character."
            case .digitsWithCheckX:
                return "Illegal character '\(quoted)' at position \(position): an ID number has only digits, and X only as the last character."
            case .digitsOnly:
                return "Illegal character '\(quoted)' at position \(position): an old 15-digit number has only digits."
            case .lettersAndDigits:
                return "Illegal character '\(quoted)' at position \(position): a document number has only letters and digits."
            }
        case .impossibleDate(let digits):
            return "The birth date \(digits) does not exist; check the date part of the number."
        case .birthDateInFuture(let date, let today):
            return "The birth date \(date.iso) is after today (\(today.iso)); check the number."
        case .birthDateBefore1900(let date):
            return "The birth date \(date.iso) is before 1900, which is not plausible; check the number."
        case .unknownAddressCode(let prefix):
            return "The address code starts with \(prefix), which is not a province-level code; check the first two digits."
        case .wrongCheckCharacter(let expected, let found):
            return "Wrong check character: the last character should be \(expected), not \(Self.quoted(found)). Check the number for a typo."
        }
    }

    /// The character as it can be read on screen: invisible and control characters become
    /// `U+XXXX` so the person sees that something is there.
    static func quoted(_ character: Character) -> String {
        let visible = character.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.isWhitespace && scalar.properties.generalCategory != .control
                && scalar.properties.generalCategory != .format
        }
        if visible { return String(character) }
        return character.unicodeScalars
            .map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
            .joined(separator: " ")
    }
}

extension String {
    /// The string with leading zeros up to `width` characters (for `U+0009`).
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
