/// A document number that passed validation, with what can be read from it.
///
/// Only `IdentityParser` makes one, so holding an `IdentityDocument` means the number is valid.
public struct IdentityDocument: Hashable, Sendable {
    /// The normalised number: 18 characters for checksummed documents (a legacy 15-digit
    /// number upgraded), upper-case letters and digits for passports and other documents.
    public let number: String
    /// The kind of document.
    public let documentType: IdentityDocumentType
    /// The birth date encoded in the number; nil for passports and other documents.
    public let birthDate: LocalDate?
    /// The sex encoded in the 17th digit (odd male, even female); nil for passports and others.
    public let sex: Sex?
    /// Whether the person typed a legacy 15-digit number that was upgraded to 18 characters.
    public let upgradedFrom15: Bool

    init(
        number: String, documentType: IdentityDocumentType, birthDate: LocalDate? = nil,
        sex: Sex? = nil, upgradedFrom15: Bool = false
    ) {
        self.number = number
        self.documentType = documentType
        self.birthDate = birthDate
        self.sex = sex
        self.upgradedFrom15 = upgradedFrom15
    }

    /// The number as it may be shown on screen (PIPL): the first and last four characters of
    /// a checksummed number with ten asterisks between (`3405**********001X`), the first and
    /// last two of a passport or other document with asterisks for the rest (`E1*****78`).
    public var masked: String {
        let kept = documentType.hasCheckCharacter ? 4 : 2
        let characters = Array(number)
        // A free-text number of 5 characters keeps 2 + 2 and hides 1; never show everything.
        guard characters.count > 2 * kept else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(kept))
            + String(repeating: "*", count: characters.count - 2 * kept)
            + String(characters.suffix(kept))
    }
}
