/// A donor as the city's registry knows them: identity, contact and the facts of their history.
/// What the demo generator makes and what `kiosk import donors` reads; the store keeps it with
/// the sensitive fields encrypted.
public struct RegistryDonor: Sendable, Hashable {
    /// The normalised document number (18-character resident ID or a passport number).
    public var idNumber: String
    public var documentType: IdentityDocumentType
    public var name: String
    public var sex: Sex
    public var birthDate: LocalDate
    /// 11-digit mobile number, if known.
    public var phone: String?
    public var bloodType: BloodType?
    public var history: [Donation]
    public var deferrals: [Deferral]

    public init(
        idNumber: String, documentType: IdentityDocumentType = .residentID, name: String, sex: Sex,
        birthDate: LocalDate, phone: String? = nil, bloodType: BloodType? = nil,
        history: [Donation] = [], deferrals: [Deferral] = []
    ) {
        self.idNumber = idNumber
        self.documentType = documentType
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.bloodType = bloodType
        self.history = history
        self.deferrals = deferrals
    }

    /// The profile the eligibility rules read.
    public var profile: DonorProfile { DonorProfile(sex: sex, birthDate: birthDate) }
}
