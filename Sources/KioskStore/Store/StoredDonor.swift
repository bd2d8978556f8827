import DonorCore

/// A donor as the store holds them, with the sensitive fields decrypted for the screen that
/// asked. `description` and `debugDescription` mask them, so printing or logging a donor by
/// mistake never shows an ID or phone number.
public struct StoredDonor: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    public var id: DonorID
    /// The normalised document number (sensitive: show `maskedIDNumber`).
    public var idNumber: String
    public var documentType: IdentityDocumentType
    public var name: String
    public var sex: Sex
    public var birthDate: LocalDate
    /// Digits only (sensitive: show `maskedPhone`).
    public var phone: String?
    public var bloodType: BloodType?
    /// The donor this record was merged into, if any; its history reads with theirs.
    public var mergedInto: DonorID?
    /// Where the record came from: the registry import or a registration at this kiosk.
    public var fromRegistry: Bool

    /// The profile the eligibility rules read.
    public var profile: DonorProfile { DonorProfile(sex: sex, birthDate: birthDate) }

    /// `3405**********001X` (first and last four of a checksummed number; two of a passport).
    public var maskedIDNumber: String { Masking.idNumber(idNumber, type: documentType) }

    /// `138****5678`.
    public var maskedPhone: String? { phone.map(Masking.phone) }

    public var description: String {
        "StoredDonor(\(id), \(name), \(maskedIDNumber), \(sex.rawValue), \(birthDate))"
    }

    public var debugDescription: String { description }
}

/// Masks sensitive numbers for display (PIPL, DOMAIN.md §2).
public enum Masking {
    /// The first and last four characters of a checksummed number with asterisks between, the
    /// first and last two of a passport or other document; all asterisks when too short.
    public static func idNumber(_ number: String, type: IdentityDocumentType) -> String {
        let kept = type.hasCheckCharacter ? 4 : 2
        let characters = Array(number)
        guard characters.count > 2 * kept else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(kept)) + String(repeating: "*", count: characters.count - 2 * kept)
            + String(characters.suffix(kept))
    }

    /// The first three and last four digits of a phone number.
    public static func phone(_ phone: String) -> String {
        let characters = Array(phone)
        guard characters.count > 7 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(3)) + String(repeating: "*", count: characters.count - 7)
            + String(characters.suffix(4))
    }
}

/// How lookups fold what was typed or scanned into the form the blind index was made from.
public enum DonorKeys {
    /// Normalises a document number: spaces and hyphens out, full-width folded, upper case; a
    /// valid legacy 15-digit resident ID is upgraded to its 18-character form.
    public static func idNumber(_ raw: String) -> String {
        let folded = IdentityNormalizer.normalizeDocumentNumber(raw)
        if folded.count == 15, folded.allSatisfy({ $0.isASCII && $0.isNumber }),
           case .success(let document) = IdentityParser.parseResidentID(folded, today: LocalDate(year: 9999, month: 12, day: 31)!) {
            return document.number
        }
        return folded
    }

    /// Normalises a phone number to its digits, without a +86 / 0086 country prefix.
    public static func phone(_ raw: String) -> String {
        var digits = String(IdentityNormalizer.normalize(raw).filter({ $0.isASCII && $0.isNumber }))
        if digits.count == 13, digits.hasPrefix("86") { digits.removeFirst(2) }
        if digits.count == 15, digits.hasPrefix("0086") { digits.removeFirst(4) }
        return digits
    }
}
