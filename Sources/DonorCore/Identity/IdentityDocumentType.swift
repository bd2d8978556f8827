/// The kind of identity document a donor shows.
///
/// The raw values are the stable names used in JSON and in storage; do not rename them.
public enum IdentityDocumentType: String, Sendable, Codable, CaseIterable {
    /// 居民身份证: a mainland resident ID (GB 11643-1999), including upgraded 15-digit numbers.
    case residentID = "resident_id"
    /// 港澳居民居住证: address code 810000 (Hong Kong) or 820000 (Macau).
    case hongKongMacaoResidencePermit = "hong_kong_macao_residence_permit"
    /// 台湾居民居住证: address code 830000.
    case taiwanResidencePermit = "taiwan_residence_permit"
    /// 外国人永久居留身份证 (2023-12 format): 18 digits starting with 9.
    case foreignPermanentResident = "foreign_permanent_resident"
    /// A passport: free text, no checksum.
    case passport
    /// Any other document (officer's card, travel permit…): free text, no checksum.
    case other

    /// Whether numbers of this kind carry an ISO 7064 MOD 11-2 check character, and so also
    /// a birth date and sex that can be read from them.
    public var hasCheckCharacter: Bool {
        switch self {
        case .residentID, .hongKongMacaoResidencePermit, .taiwanResidencePermit,
             .foreignPermanentResident:
            return true
        case .passport, .other:
            return false
        }
    }

    /// The document's name as a person reads it on screen.
    public func displayName(in language: MessageLanguage) -> String {
        switch (self, language) {
        case (.residentID, .zhHans): return "居民身份证"
        case (.residentID, .en): return "Resident ID card"
        case (.hongKongMacaoResidencePermit, .zhHans): return "港澳居民居住证"
        case (.hongKongMacaoResidencePermit, .en): return "Hong Kong/Macao residence permit"
        case (.taiwanResidencePermit, .zhHans): return "台湾居民居住证"
        case (.taiwanResidencePermit, .en): return "Taiwan residence permit"
        case (.foreignPermanentResident, .zhHans): return "外国人永久居留身份证"
        case (.foreignPermanentResident, .en): return "Foreigner's permanent residence ID card"
        case (.passport, .zhHans): return "护照"
        case (.passport, .en): return "Passport"
        case (.other, .zhHans): return "其他证件"
        case (.other, .en): return "Other document"
        }
    }
}
