import DonorCore

// Field names follow the kiosk store's payloads (KioskStore/Events/EventPayloads.swift), written
// in snake_case on the wire. `donor` repeats the envelope's `donor_key`.

/// `donor.registered`: a new donor at a house. Carries the real ID number: the centre keeps
/// the city registry (over TLS), seals it at rest and never logs it.
public struct DonorRegisteredPayload: Codable, Sendable, Hashable {
    /// The donor id made on the registering device (= the envelope's `donor_key`).
    public var donor: String?
    /// The normalised document number.
    public var idNumber: String
    public var documentType: IdentityDocumentType
    public var name: String
    public var sex: Sex
    public var birthDate: LocalDate
    public var phone: String?
    /// "A+", "O-", … as `BloodType.description` writes it.
    public var bloodType: String?

    public init(
        donor: String? = nil, idNumber: String, documentType: IdentityDocumentType = .residentID, name: String, sex: Sex,
        birthDate: LocalDate, phone: String? = nil, bloodType: String? = nil
    ) {
        self.donor = donor
        self.idNumber = idNumber
        self.documentType = documentType
        self.name = name
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.bloodType = bloodType
    }

    enum CodingKeys: String, CodingKey {
        case donor, name, sex, phone
        case idNumber = "id_number"
        case documentType = "document_type"
        case birthDate = "birth_date"
        case bloodType = "blood_type"
    }
}

/// `donor.updated`: contact or blood-type changes; absent fields are unchanged.
public struct DonorUpdatedPayload: Codable, Sendable, Hashable {
    /// The donor id (= the envelope's `donor_key`), like every other donor payload; optional
    /// because the centre reads the envelope's.
    public var donor: String?
    public var name: String?
    public var phone: String?
    public var bloodType: String?

    public init(donor: String? = nil, name: String? = nil, phone: String? = nil, bloodType: String? = nil) {
        self.donor = donor
        self.name = name
        self.phone = phone
        self.bloodType = bloodType
    }

    enum CodingKeys: String, CodingKey {
        case donor, name, phone
        case bloodType = "blood_type"
    }
}

/// `donor.merged`: two donor ids are one person; every event of `source` now belongs to
/// `target`. Made by a supervisor at a house, or by the centre when two houses registered the
/// same ID number (then the earliest registration, by HLC, is the target).
public struct DonorMergedPayload: Codable, Sendable, Hashable {
    public var source: String
    public var target: String
    public var reason: String

    public init(source: String, target: String, reason: String) {
        self.source = source
        self.target = target
        self.reason = reason
    }
}

/// `donor.unmerged`: undoes the `donor.merged` event `merge`.
public struct DonorUnmergedPayload: Codable, Sendable, Hashable {
    public var merge: String
    public var source: String
    public var target: String
    public var reason: String

    public init(merge: String, source: String, target: String, reason: String) {
        self.merge = merge
        self.source = source
        self.target = target
        self.reason = reason
    }
}
