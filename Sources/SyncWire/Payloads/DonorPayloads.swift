import DonorCore

/// `donor.registered`: a new donor at a house. Carries the real ID number: the centre keeps
/// the city registry (over TLS), seals it at rest and never logs it.
public struct DonorRegisteredPayload: Codable, Sendable, Hashable {
    /// The normalised document number.
    public var idNumber: String
    public var documentType: IdentityDocumentType
    public var name: String
    public var sex: Sex
    public var birthDate: LocalDate
    public var phone: String?
    /// "A+", "O-", … as the kiosk shows it.
    public var bloodType: String?

    public init(
        idNumber: String, documentType: IdentityDocumentType = .residentID, name: String, sex: Sex,
        birthDate: LocalDate, phone: String? = nil, bloodType: String? = nil
    ) {
        self.idNumber = idNumber
        self.documentType = documentType
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.bloodType = bloodType
    }

    enum CodingKeys: String, CodingKey {
        case name, sex, phone
        case idNumber = "id_number"
        case documentType = "document_type"
        case birthDate = "birth_date"
        case bloodType = "blood_type"
    }
}

/// `donor.updated`: contact or blood-type changes; absent fields are unchanged.
public struct DonorUpdatedPayload: Codable, Sendable, Hashable {
    public var name: String?
    public var phone: String?
    public var bloodType: String?

    public init(name: String? = nil, phone: String? = nil, bloodType: String? = nil) {
        self.name = name
        self.phone = phone
        self.bloodType = bloodType
    }

    enum CodingKeys: String, CodingKey {
        case name, phone
        case bloodType = "blood_type"
    }
}

/// `donor.merged`: made by the centre when two houses registered the same person. The donor
/// with the earliest registration (HLC) survives; every event of `from` now belongs to `into`.
public struct DonorMergedPayload: Codable, Sendable, Hashable {
    public var fromDonorKey: String
    public var intoDonorKey: String
    /// The `donor.registered` event ids of the two registrations (loser, winner).
    public var registrations: [String]

    public init(fromDonorKey: String, intoDonorKey: String, registrations: [String]) {
        self.fromDonorKey = fromDonorKey
        self.intoDonorKey = intoDonorKey
        self.registrations = registrations
    }

    enum CodingKeys: String, CodingKey {
        case registrations
        case fromDonorKey = "from_donor_key"
        case intoDonorKey = "into_donor_key"
    }
}
