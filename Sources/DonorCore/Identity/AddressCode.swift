/// The 6-digit administrative division code (GB/T 2260) at the start of an ID number.
///
/// Only the province-level prefix is checked: county codes change every year and an old ID
/// keeps the code of the county that issued it, so a full table would reject real people.
/// The lists below are the national standard, not policy, so they live in code.
public enum AddressCode {
    /// The residence-permit address codes, which are whole codes rather than provinces.
    static let hongKong = "810000", macau = "820000", taiwanPermit = "830000"

    /// Province-level prefixes: mainland provinces, Taiwan (71), Hong Kong (81), Macau (82).
    public static let provincePrefixes: Set<String> = {
        let ranges = [11...15, 21...23, 31...37, 41...46, 50...54, 61...65, 71...71, 81...82]
        return Set(ranges.flatMap { $0 }.map(String.init))
    }()

    /// Whether the first two digits of `code` are a province-level code. An all-zero code
    /// fails here too, since 00 is no province.
    public static func hasKnownProvince<S: StringProtocol>(_ code: S) -> Bool {
        provincePrefixes.contains(String(code.prefix(2)))
    }

    /// The document an 18-character number is, judged from its first six characters; nil
    /// when the address code is unknown.
    static func documentType<S: StringProtocol>(forAddressCode code: S) -> IdentityDocumentType? {
        // The 2023 foreigner's ID starts with 9; digits 2–3 name the accepting province, but
        // the checksum already catches typos and the kiosk only needs to know the kind.
        if code.first == "9" { return .foreignPermanentResident }
        switch String(code) {
        case hongKong, macau: return .hongKongMacaoResidencePermit
        case taiwanPermit: return .taiwanResidencePermit
        default: return hasKnownProvince(code) ? .residentID : nil
        }
    }
}
