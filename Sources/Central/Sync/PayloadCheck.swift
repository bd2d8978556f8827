import DonorCore
import SyncWire

/// Per-event checks on the payload against its kind and the policy. A failure rejects that
/// event only (kept in the quarantine); the rest of the batch goes on.
enum PayloadCheck {
    /// Decodes `T` from the payload or throws a rejection naming the kind.
    static func decode<T: Decodable>(_ type: T.Type, _ event: WireEvent) throws(CentralError) -> T {
        do {
            return try WireCoding.decode(T.self, from: event.payload)
        } catch {
            throw .badRequest("invalid_payload", "The payload of this \(event.kind) event is missing a field or has a value of the wrong type.")
        }
    }

    /// Every string in the payload is free of control characters and of sane length.
    static func checkText(_ event: WireEvent) throws(CentralError) {
        for text in event.payload.allStrings {
            guard EnvelopeCheck.isPlainText(text) else {
                throw .badRequest("control_characters", "A text in the payload contains control characters.")
            }
            guard text.count <= 1000 else { throw .badRequest("text_too_long", "A text in the payload is longer than 1000 characters.") }
        }
    }

    /// The registration's identity fields.
    static func check(_ p: DonorRegisteredPayload, today: LocalDate) throws(CentralError) {
        guard IdentityNormalizer.normalizeDocumentNumber(p.idNumber) == p.idNumber, (5...20).contains(p.idNumber.count) else {
            throw .badRequest("invalid_id_number", "The ID number is not a normalised document number.")
        }
        if p.documentType == .residentID {
            guard case .success = IdentityParser.parseResidentID(p.idNumber, today: today) else {
                throw .badRequest("invalid_id_number", "The resident ID number fails its format or check digit.")
            }
        }
        guard !p.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .badRequest("invalid_name", "The donor's name is empty.") }
    }

    /// The volume or dose is one the policy allows for a complete collection; the date is sane.
    static func check(_ p: DonationFacts, policy: Policy, today: LocalDate) throws(CentralError) {
        try checkDonation(kind: p.kind, volume: p.volumeML, doses: p.doses, outcome: p.outcome, date: p.date, policy: policy, today: today)
        try checkTimes(p)
    }

    /// An id inside a payload (a donation's, a deferral's) is an identifier like an event id.
    static func checkIdentifier(_ id: String, _ what: String) throws(CentralError) {
        guard EnvelopeCheck.isIdentifier(id) else {
            throw .badRequest("invalid_id", "A \(what) id is 1 to 64 letters, digits, '-', '_' or '.'.")
        }
    }

    static func checkDonation(
        kind: DonationKind, volume: Int?, doses: Int?, outcome: DonationOutcome, date: LocalDate, policy: Policy, today: LocalDate
    ) throws(CentralError) {
        try checkDay(date, today: today, what: "donation")
        guard outcome == .complete else { return }
        switch kind {
        case .wholeBlood:
            guard let volume, policy.procedures.wholeBloodVolumesML.contains(volume) else {
                throw .badRequest("invalid_volume", "A complete whole-blood donation must be one of \(policy.procedures.wholeBloodVolumesML) ml.")
            }
        case .platelets:
            guard let doses, policy.procedures.plateletDoses.contains(doses) else {
                throw .badRequest("invalid_doses", "A complete platelet donation must be one of \(policy.procedures.plateletDoses) doses.")
            }
        case .plasma:
            guard let volume, policy.procedures.plasmaVolumesML.contains(volume) else {
                throw .badRequest("invalid_volume", "A complete plasma donation must be one of \(policy.procedures.plasmaVolumesML) ml.")
            }
        case .stemCell:
            break
        }
    }
}
