import DonorCore
import Foundation

/// Services held in memory, for the screens' unit and snapshot tests (and previews): no file,
/// no key, a signer that only marks what it signed. Never used by the kiosk itself.
public actor InMemoryKioskServices: KioskServices {
    /// A demo staff member: number, PIN, name and role.
    public struct Staff: Sendable {
        /// Staff number, PIN (plain: test data only), name and role.
        public var number: String, pin: String, name: String, role: Viewer
        /// A staff member.
        public init(number: String, pin: String, name: String, role: Viewer) {
            self.number = number
            self.pin = pin
            self.name = name
            self.role = role
        }
    }

    private var staff: [Staff]
    private var donors: [String: DonorRecord] = [:]
    private var answers: [String: QuestionnaireAnswers] = [:]
    private var entries: [QueueEntry] = []
    private var bags: Set<String> = []
    private var figures = DayFigures()
    private var events = 0
    private var nextID = 1
    private let signer: any CardSigner
    private let policy: Policy
    private let today: LocalDate

    /// Services holding `donors`, with `staff` able to sign in.
    public init(staff: [Staff], donors: [RegistryDonor], policy: Policy, today: LocalDate, signer: any CardSigner = MarkingSigner()) {
        self.staff = staff
        self.policy = policy
        self.today = today
        self.signer = signer
        for donor in donors {
            let record = DonorRecord(id: "D\(nextID)", donor: donor)
            self.donors[donor.idNumber] = record
            nextID += 1
        }
    }

    public func signIn(number: String, pin: String) throws(ServiceError) -> StaffSession {
        guard let member = staff.first(where: { $0.number == number }), member.pin == pin else { throw .wrongPIN }
        return StaffSession(number: member.number, name: member.name, role: member.role)
    }

    public func donor(idNumber: String) -> DonorRecord? {
        donors[IdentityNormalizer.normalize(idNumber)]
    }

    public func donor(id: String) -> DonorRecord? {
        donors.values.first { $0.id == id }
    }

    public func duplicates(of donor: RegistryDonor) -> [DonorRecord] {
        donors.values.filter { record in
            (donor.phone != nil && record.donor.phone == donor.phone)
                || (record.donor.name == donor.name && record.donor.birthDate == donor.birthDate)
        }.sorted { $0.id < $1.id }
    }

    public func register(_ donor: RegistryDonor, by staff: String) throws(ServiceError) -> DonorRecord {
        guard donors[donor.idNumber] == nil else { throw .duplicateDonor }
        let record = DonorRecord(id: "D\(nextID)", donor: donor)
        nextID += 1
        donors[donor.idNumber] = record
        events += 1
        return record
    }

    public func latestAnswers(donorID: String) -> QuestionnaireAnswers? { answers[donorID] }

    public func saveAnswers(_ answers: QuestionnaireAnswers, donorID: String, by staff: String) {
        self.answers[donorID] = answers
        events += 1
    }

    public func saveVitals(_ vitals: Vitals, on date: LocalDate, donorID: String, by staff: String) {
        events += 1
    }

    public func enqueue(donorID: String, procedure: Procedure, overrides: [RuleOverride], by staff: String) throws(ServiceError) -> QueueEntry {
        guard let record = donor(id: donorID) else { throw .notFound }
        let entry = QueueEntry(
            number: entries.count + 1, donorID: donorID, name: record.donor.name,
            maskedID: Masked.id(record.donor), procedure: procedure, stage: .waiting)
        entries.append(entry)
        events += 1 + overrides.count
        return entry
    }

    public func queue(on date: LocalDate) -> [QueueEntry] { entries }

    public func recordDonation(_ facts: CollectionFacts, by staff: String) throws(ServiceError) -> Donation {
        guard !bags.contains(facts.bagNumber) else { throw .bagUsed }
        guard var record = donor(id: facts.donorID) else { throw .notFound }
        bags.insert(facts.bagNumber)
        let donation = Donation(
            id: "E\(nextID)", date: facts.date, kind: facts.kind, volumeML: facts.volumeML, doses: facts.doses,
            outcome: facts.outcome, reaction: facts.reaction)
        nextID += 1
        record.donor.history.append(donation)
        donors[record.donor.idNumber] = record
        if let index = entries.firstIndex(where: { $0.donorID == facts.donorID && $0.stage == .waiting }) {
            entries[index].stage = .donated
        }
        if let procedure = facts.kind.procedure { figures.donationsByProcedure[procedure, default: 0] += 1 }
        figures.donationsByBloodType[record.donor.bloodType?.description ?? "?", default: 0] += 1
        figures.volumeML += facts.volumeML ?? 0
        if facts.reaction != nil { figures.adverseReactions += 1 }
        if let hour = Int(facts.started.prefix(2)) { figures.donationsByHour[hour, default: 0] += 1 }
        events += 1
        return donation
    }

    public func voidDonation(id: String, reason: String, by staff: String) throws(ServiceError) {
        guard var record = donors.values.first(where: { $0.donor.history.contains { $0.id == id } }) else { throw .notFound }
        for index in record.donor.history.indices where record.donor.history[index].id == id {
            record.donor.history[index].voided = true
        }
        donors[record.donor.idNumber] = record
        events += 1
    }

    public func activateCard(donorID: String, status: CardStatus, by staff: String) throws(ServiceError) -> SignedCard {
        guard let card = status.effective else { throw .notFound }
        let until = card == .annual ? status.annual?.validThrough : nil
        let tierIndex = status.tier.flatMap { tier in policy.tiers.firstIndex { $0.id == tier.id } }
        let qrText = try signer.qrText(donorKey: donorID, card: card, tierIndex: tierIndex, until: until)
        figures.activationsByCard[card, default: 0] += 1
        if let index = entries.firstIndex(where: { $0.donorID == donorID && $0.stage == .donated }) {
            entries[index].stage = .activated
        }
        events += 1
        return SignedCard(card: card, validThrough: until, qrText: qrText)
    }

    public func dayFigures(on date: LocalDate) -> DayFigures { figures }

    public func syncStatus() -> SyncStatus { SyncStatus(online: false, pendingEvents: events, lastSync: nil) }

    public func audit(_ action: String, detail: String, by staff: String) { events += 1 }
}

/// A stand-in signer for tests: 64 zero bytes, the size of a real signature, clearly not one.
public struct MarkingSigner: CardSigner {
    public init() {}
    public func sign(_ data: Data) -> Data { Data(repeating: 0, count: 64) }
}

/// Masking for every screen (PIPL): ID and phone numbers are never shown in full.
public enum Masked {
    /// The donor's document number masked as `IdentityDocument.masked` does.
    public static func id(_ donor: RegistryDonor) -> String {
        id(donor.idNumber, type: donor.documentType)
    }

    /// `3405**********001X` for a checksummed number, `E1*****78` for a passport.
    public static func id(_ number: String, type: IdentityDocumentType) -> String {
        let kept = type.hasCheckCharacter ? 4 : 2
        let characters = Array(number)
        guard characters.count > 2 * kept else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(kept)) + String(repeating: "*", count: characters.count - 2 * kept)
            + String(characters.suffix(kept))
    }

    /// `138****5678`.
    public static func phone(_ phone: String) -> String {
        let digits = Array(phone)
        guard digits.count >= 7 else { return String(repeating: "*", count: digits.count) }
        return String(digits.prefix(3)) + String(repeating: "*", count: digits.count - 7) + String(digits.suffix(4))
    }
}
