/// Validates what a person typed as an identity document number and reads what it encodes.
///
/// Pure functions: the caller passes "today" (the house's local date) so the same input always
/// gives the same answer and tests control time.
public enum IdentityParser {
    /// The earliest plausible birth year; anything before is a typo, not a donor.
    static let earliestBirthYear = 1900

    /// The lengths a passport or other document number may have after normalisation.
    public static let freeTextLengths = 5...20

    /// Parses an 18-character resident ID, HK/Macau/Taiwan residence permit or foreigner's
    /// permanent residence ID, or a legacy 15-digit resident ID (upgraded to 18).
    ///
    /// Checks, in order: length, characters, address code, birth date (exists, not after
    /// `today`, not before 1900), check character; the first failure is returned.
    public static func parseResidentID(
        _ raw: String, today: LocalDate
    ) -> Result<IdentityDocument, IdentityRejection> {
        let number = IdentityNormalizer.normalize(raw)
        switch number.count {
        case 18: return parse18(number, today: today)
        case 15: return parse15(number, today: today)
        default: return .failure(.wrongLength(got: number.count))
        }
    }

    /// Parses a passport or other document number: 5–20 letters or digits after normalisation
    /// (upper-cased); there is no checksum to verify.
    public static func parseDocument(
        _ raw: String, type: FreeTextDocumentType
    ) -> Result<IdentityDocument, IdentityRejection> {
        let number = IdentityNormalizer.normalizeDocumentNumber(raw)
        guard freeTextLengths.contains(number.count) else {
            return .failure(.lengthOutOfRange(got: number.count, allowed: freeTextLengths))
        }
        for (offset, character) in number.enumerated()
        where !(character.isASCIIDigit || ("A"..."Z").contains(character)) {
            return .failure(.illegalCharacter(character, position: offset + 1, allowed: .lettersAndDigits))
        }
        return .success(IdentityDocument(number: number, documentType: type.documentType))
    }

    private static func parse18(
        _ number: String, today: LocalDate
    ) -> Result<IdentityDocument, IdentityRejection> {
        for (offset, character) in number.enumerated() {
            let isCheck = offset == 17
            guard character.isASCIIDigit || (isCheck && character == "X") else {
                return .failure(.illegalCharacter(character, position: offset + 1, allowed: .digitsWithCheckX))
            }
        }
        guard let documentType = AddressCode.documentType(forAddressCode: number.prefix(6)) else {
            return .failure(.unknownAddressCode(prefix: String(number.prefix(2))))
        }
        let body = number.prefix(17)
        return birthDate(in: body, today: today).flatMap { birthDate in
            guard let expected = ResidentIDChecksum.checkCharacter(forFirst17: body),
                  let found = number.last else {
                // Unreachable: the loop above proved 17 digits and a last character.
                return .failure(.wrongLength(got: number.count))
            }
            guard expected == found else {
                return .failure(.wrongCheckCharacter(expected: expected, found: found))
            }
            return .success(IdentityDocument(
                number: number, documentType: documentType, birthDate: birthDate,
                sex: sex(in: body)))
        }
    }

    private static func parse15(
        _ number: String, today: LocalDate
    ) -> Result<IdentityDocument, IdentityRejection> {
        for (offset, character) in number.enumerated() where !character.isASCIIDigit {
            return .failure(.illegalCharacter(character, position: offset + 1, allowed: .digitsOnly))
        }
        // Legacy numbers predate the permits and the foreigner's ID: always a resident ID.
        guard AddressCode.hasKnownProvince(number) else {
            return .failure(.unknownAddressCode(prefix: String(number.prefix(2))))
        }
        // GB 11643-1999: insert the century "19" before the YYMMDD birth date.
        let body = number.prefix(6) + "19" + number.dropFirst(6)
        return birthDate(in: Substring(body), today: today).flatMap { birthDate in
            guard let check = ResidentIDChecksum.checkCharacter(forFirst17: body) else {
                return .failure(.wrongLength(got: number.count))
            }
            return .success(IdentityDocument(
                number: body + String(check), documentType: .residentID, birthDate: birthDate,
                sex: sex(in: Substring(body)), upgradedFrom15: true))
        }
    }

    /// The birth date in positions 7–14 of the 17-digit body, checked for existence and
    /// plausibility.
    private static func birthDate(
        in body: Substring, today: LocalDate
    ) -> Result<LocalDate, IdentityRejection> {
        let digits = body.dropFirst(6).prefix(8)
        guard let date = LocalDate(compact: digits) else {
            return .failure(.impossibleDate(String(digits)))
        }
        if date > today { return .failure(.birthDateInFuture(date, today: today)) }
        if date.year < earliestBirthYear { return .failure(.birthDateBefore1900(date)) }
        return .success(date)
    }

    /// The 17th digit: odd for men, even for women.
    private static func sex(in body: Substring) -> Sex? {
        guard let digit = body.dropFirst(16).first?.wholeNumberValue else { return nil }
        return digit % 2 == 1 ? .male : .female
    }
}
