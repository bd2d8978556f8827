import DonorCore
import Foundation
import KioskStore

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
    private let limits: SelfServiceLimits?
    private var attempts: [VerificationAttempt] = []
    /// Each donor's card as last activated (its kind, validity and tier are in the QR text).
    private var activated: [String: SignedCard] = [:]
    private var problems: [SyncProblemEntry] = []
    private var bootstrap: BootstrapProgress?
    /// The self-service verifications made so far (for tests: how many, which failed).
    public var verificationAttempts: [VerificationAttempt] { attempts }

    /// Services holding `donors`, with `staff` able to sign in.
    public init(staff: [Staff], donors: [RegistryDonor], policy: Policy, today: LocalDate, signer: any CardSigner = MarkingSigner(),
                selfServiceLimits: SelfServiceLimits? = nil) {
        self.staff = staff
        self.policy = policy
        self.today = today
        self.signer = signer
        self.limits = selfServiceLimits
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
        // A pre-checked-in donor keeps their ticket's number.
        if let index = entries.firstIndex(where: { $0.donorID == donorID && $0.stage == .arrived }) {
            entries[index].procedure = procedure
            entries[index].stage = .waiting
            events += 1 + overrides.count
            return entries[index]
        }
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

    public func correctDonation(_ correction: DonationCorrection, by staff: String) throws(ServiceError) {
        let id = correction.donationID
        guard var record = donors.values.first(where: { $0.donor.history.contains { $0.id == id } }) else { throw .notFound }
        for index in record.donor.history.indices where record.donor.history[index].id == id {
            record.donor.history[index] = correction.applied(to: record.donor.history[index])
        }
        donors[record.donor.idNumber] = record
        events += 1
    }

    public func activateCard(donorID: String, status: CardStatus, by staff: String) throws(ServiceError) -> SignedCard {
        let signed = try SignedCard.sign(donorID: donorID, status: status, policy: policy, signer: signer)
        let card = signed.card
        activated[donorID] = signed
        figures.activationsByCard[card, default: 0] += 1
        if let index = entries.firstIndex(where: { $0.donorID == donorID && $0.stage == .donated }) {
            entries[index].stage = .activated
        }
        events += 1
        return signed
    }

    public func dayFigures(on date: LocalDate) -> DayFigures { figures }

    public func houseSettings() -> HouseSettings {
        HouseSettings(houseID: "demo-house", houseName: "示范献血屋（演示）", policy: "\(policy.id)@\(policy.version)", server: nil,
                      enrolled: false, configurationFile: "kiosk.conf", dataDirectory: "kiosk-data",
                      staffIdleSeconds: 300, selfServiceIdleSeconds: 60)
    }

    public func staffList() -> [StaffMember] {
        staff.sorted { $0.number < $1.number }.map { StaffMember(number: $0.number, name: $0.name, role: $0.role, locked: false) }
    }

    public func addStaff(_ member: NewStaff, by staff: String) throws(ServiceError) {
        guard !self.staff.contains(where: { $0.number == member.number }) else { throw .staffExists }
        guard member.pin.count >= 6 else { throw .pinTooShort }
        guard !StaffPolicy.isGuessable(member.pin) else { throw .pinGuessable }
        self.staff.append(Staff(number: member.number, pin: member.pin, name: member.name, role: member.role))
        events += 1
    }

    public func unlockStaff(number: String, by staff: String) throws(ServiceError) {
        guard self.staff.contains(where: { $0.number == number }) else { throw .notFound }
    }

    public func syncStatus() -> SyncStatus {
        SyncStatus(online: false, pendingEvents: events, lastSync: nil, bootstrap: bootstrap, problems: problems.count)
    }

    public func syncProblems() -> [SyncProblemEntry] { problems }

    /// Sets the events the centre refused or flagged, newest first (test setup).
    public func setSyncProblems(_ entries: [SyncProblemEntry]) { problems = entries }

    /// Sets how far the registry's download has come; nil: done (test setup).
    public func setBootstrap(_ progress: BootstrapProgress?) { bootstrap = progress }

    public func audit(_ action: String, detail: String, by staff: String) { events += 1 }

    /// Marks the donor's card now in force as activated, as a volunteer's activation would (test setup).
    public func markActivated(donorID: String) throws(ServiceError) {
        guard let record = donor(id: donorID) else { throw .notFound }
        let status = CardStatus(history: record.donor.history, on: today, policy: policy)
        activated[donorID] = try SignedCard.sign(donorID: donorID, status: status, policy: policy, signer: signer)
    }

    public func secondFactor(idNumber: String) -> SecondFactor { SecondFactor.asked(of: donor(idNumber: idNumber)?.donor) }

    public func verify(idNumber: String, answer: String) async throws(ServiceError) -> Verification {
        guard let limits else { throw .storage("self_service.not_configured") }
        // Tests count attempts in order on one clock: a second per attempt.
        let now = Int64(attempts.count + 1) * 1000
        let key = IdentityNormalizer.normalize(idNumber)
        switch AttemptLimiter(limits: limits).standing(of: key, attempts: attempts, now: now) {
        case .locked(let until):
            return .locked(minutes: AttemptLimiter.minutes(from: now, until: until))
        case .open(let left, _):
            if let record = donor(idNumber: idNumber), SecondFactor.asked(of: record.donor).matches(answer, record.donor) {
                attempts.append(VerificationAttempt(atMilliseconds: now, key: key, failed: false))
                return .verified(record)
            }
            attempts.append(VerificationAttempt(atMilliseconds: now, key: key, failed: true))
            if left <= 1 { return .locked(minutes: AttemptLimiter.minutes(from: 0, until: Int64(limits.windowSeconds) * 1000)) }
            return .mismatch(attemptsLeft: left - 1)
        }
    }

    public func activeCard(donorID: String, status: CardStatus) throws(ServiceError) -> SignedCard? {
        guard status.effective != nil else { return nil }
        // The very card now in force (kind, validity, tier), as the store's services decide.
        let now = try SignedCard.sign(donorID: donorID, status: status, policy: policy, signer: signer)
        return activated[donorID] == now ? now : nil
    }

    public func ticket(donorID: String) throws(ServiceError) -> QueueEntry {
        if let mine = entries.first(where: { $0.donorID == donorID }) { return mine }
        guard let record = donor(id: donorID) else { throw .notFound }
        let entry = QueueEntry(number: entries.count + 1, donorID: donorID, name: record.donor.name,
                               maskedID: Masked.id(record.donor), procedure: .wholeBlood, stage: .arrived)
        entries.append(entry)
        events += 1
        return entry
    }
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
