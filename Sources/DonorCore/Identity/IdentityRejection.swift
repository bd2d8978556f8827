/// Why an identity document number was rejected, precise enough to tell the person what to fix.
///
/// Privacy (PIPL): no case carries the full number, and no message quotes it; a case holds
/// at most the offending character, the birth-date part, or the two-digit province prefix.
public enum IdentityRejection: Error, Hashable, Sendable {
    /// A resident ID or permit number of the wrong length: `got` characters after
    /// normalisation, where 18 (or 15 for a legacy number) were expected.
    case wrongLength(got: Int)
    /// A passport or other document number whose length lies outside `allowed`.
    case lengthOutOfRange(got: Int, allowed: ClosedRange<Int>)
    /// A character that may not stand where it is; `position` counts from 1 in the
    /// normalised number (spaces and hyphens removed).
    case illegalCharacter(Character, position: Int, allowed: AllowedCharacters)
    /// The birth-date digits (`YYYYMMDD`, with `19` prefixed for a legacy number) name no
    /// calendar day, such as `19800230`.
    case impossibleDate(String)
    /// The birth date comes after `today`.
    case birthDateInFuture(LocalDate, today: LocalDate)
    /// The birth date is before 1900, which no living donor has; almost surely a typo.
    case birthDateBefore1900(LocalDate)
    /// The first two digits are no province-level code (this includes an all-zero code).
    case unknownAddressCode(prefix: String)
    /// The check character does not match the other 17: it should be `expected`, not `found`.
    case wrongCheckCharacter(expected: Character, found: Character)

    /// Which characters were allowed where an illegal one stood, so the message can say so.
    public enum AllowedCharacters: Hashable, Sendable {
        /// Digits, and `X` only as the 18th (check) character.
        case digitsWithCheckX
        /// Digits only (a legacy 15-digit number has no check character).
        case digitsOnly
        /// ASCII letters and digits (passports and other documents).
        case lettersAndDigits
    }

    /// A stable snake_case code for programs (JSON output, logs, tests).
    public var code: String {
        switch self {
        case .wrongLength: return "wrong_length"
        case .lengthOutOfRange: return "length_out_of_range"
        case .illegalCharacter: return "illegal_character"
        case .impossibleDate: return "impossible_date"
        case .birthDateInFuture: return "birth_date_in_future"
        case .birthDateBefore1900: return "birth_date_before_1900"
        case .unknownAddressCode: return "unknown_address_code"
        case .wrongCheckCharacter: return "wrong_check_character"
        }
    }
}
