import DonorCore
import Foundation

/// Everything the screens read or write, behind one protocol so that screens never see SQL,
/// files or the network. The kiosk runs on the store (`StoreKioskServices`); tests run on
/// `InMemoryKioskServices`.
///
/// Every write is an event in the outbox (the store's concern); every call may throw a
/// `ServiceError`, which a screen shows as a plain sentence.
public protocol KioskServices: Sendable {
    /// Checks a staff number and PIN; an audited sign-in.
    func signIn(number: String, pin: String) async throws(ServiceError) -> StaffSession
    /// The donor with this document number (as typed or scanned), or nil.
    func donor(idNumber: String) async throws(ServiceError) -> DonorRecord?
    /// The donor with this record id, or nil.
    func donor(id: String) async throws(ServiceError) -> DonorRecord?
    /// Records that may be the same person (same phone, or same name and birth date).
    func duplicates(of donor: RegistryDonor) async throws(ServiceError) -> [DonorRecord]
    /// Registers a new donor; refuses a document number already known.
    func register(_ donor: RegistryDonor, by staff: String) async throws(ServiceError) -> DonorRecord
    /// The answers the donor last gave (on the self-service screen or at a desk).
    func latestAnswers(donorID: String) async throws(ServiceError) -> QuestionnaireAnswers?
    /// Saves today's questionnaire answers.
    func saveAnswers(_ answers: QuestionnaireAnswers, donorID: String, by staff: String) async throws(ServiceError)
    /// Saves the pre-donation check.
    func saveVitals(_ vitals: Vitals, on date: LocalDate, donorID: String, by staff: String) async throws(ServiceError)
    /// Puts an eligible donor in today's queue for a procedure; returns their entry (number).
    func enqueue(donorID: String, procedure: Procedure, overrides: [RuleOverride], by staff: String) async throws(ServiceError) -> QueueEntry
    /// Today's queue, oldest first.
    func queue(on date: LocalDate) async throws(ServiceError) -> [QueueEntry]
    /// Records a collection; refuses a bag number used before (`.bagUsed`).
    func recordDonation(_ facts: CollectionFacts, by staff: String) async throws(ServiceError) -> Donation
    /// Voids a donation with a written reason (a new event; the old one stays).
    func voidDonation(id: String, reason: String, by staff: String) async throws(ServiceError)
    /// Corrects a donation's amount and outcome with a written reason (a new event).
    func correctDonation(_ correction: DonationCorrection, by staff: String) async throws(ServiceError)
    /// Activates the card in force and returns what the donor's QR code carries.
    func activateCard(donorID: String, status: CardStatus, by staff: String) async throws(ServiceError) -> SignedCard
    /// The day's figures.
    func dayFigures(on date: LocalDate) async throws(ServiceError) -> DayFigures
    /// This kiosk's configuration, for the settings screen.
    func houseSettings() async -> HouseSettings
    /// Every staff account, by number.
    func staffList() async throws(ServiceError) -> [StaffMember]
    /// Creates a staff account (audited); refuses a number in use (`.staffExists`) or a short PIN.
    func addStaff(_ member: NewStaff, by staff: String) async throws(ServiceError)
    /// Ends a lock-out after too many wrong PINs (audited).
    func unlockStaff(number: String, by staff: String) async throws(ServiceError)
    /// Link state, events waiting, last successful sync.
    func syncStatus() async -> SyncStatus
    /// This kiosk's events the centre refused or flagged for review, newest first (the
    /// supervisor's sync-problems screen).
    func syncProblems() async throws(ServiceError) -> [SyncProblemEntry]
    /// Adds a line to the audit trail (an override, a lock, an export).
    func audit(_ action: String, detail: String, by staff: String) async

    // The donor self-service screen.

    /// Which second factor to ask after this ID number (phone digits for an unknown number).
    func secondFactor(idNumber: String) async throws(ServiceError) -> SecondFactor
    /// Checks the ID number and second factor under the configured attempt limits (counted per
    /// ID and per kiosk, kept across restarts, audited); a wrong answer comes back slowed down.
    func verify(idNumber: String, answer: String) async throws(ServiceError) -> Verification
    /// The signed QR code of the donor's card when it was activated and is still in force; nil otherwise.
    func activeCard(donorID: String, status: CardStatus) async throws(ServiceError) -> SignedCard?
    /// A ticket in today's queue for a donor who pre-checked in on the self-service screen: the
    /// same number the volunteer's queue shows (stage `.arrived`), kept when they are queued
    /// for a procedure later. A second call the same day returns the same ticket.
    func ticket(donorID: String) async throws(ServiceError) -> QueueEntry
}

/// Who the self-service screen writes as, in events and the audit trail.
public let selfServiceActor = "self-service"

extension SignedCard {
    /// The QR code text of `status`'s card for `donorID`, signed by `signer`.
    static func sign(donorID: String, status: CardStatus, policy: Policy, signer: any CardSigner) throws(ServiceError) -> SignedCard {
        guard let card = status.effective else { throw .notFound }
        let until = card == .annual ? status.annual?.validThrough : nil
        let tierIndex = status.tier.flatMap { tier in policy.tiers.firstIndex { $0.id == tier.id } }
        return SignedCard(card: card, validThrough: until,
                          qrText: try signer.qrText(donorKey: donorID, card: card, tierIndex: tierIndex, until: until))
    }
}

/// A failure a screen can explain; `messageKey` is a UI string key.
public enum ServiceError: Error, Sendable, Hashable {
    case wrongPIN
    case locked
    case notFound
    case duplicateDonor
    case bagUsed
    case staffExists
    case pinTooShort
    /// One digit repeated or digits in a row (`StaffPolicy.isGuessable`).
    case pinGuessable
    /// The storage failed; the text is for the log, never shown with personal data.
    case storage(String)

    /// The UI string key explaining it.
    public var messageKey: String {
        switch self {
        case .wrongPIN: return "error.wrong_pin"
        case .locked: return "error.locked"
        case .notFound: return "error.not_found"
        case .duplicateDonor: return "error.duplicate_donor"
        case .bagUsed: return "error.bag_used"
        case .staffExists: return "error.staff_exists"
        case .pinTooShort: return "error.pin_too_short"
        case .pinGuessable: return "error.pin_guessable"
        case .storage: return "error.storage"
        }
    }
}

/// A signed-in staff member.
public struct StaffSession: Sendable, Hashable {
    public var number: String
    public var name: String
    /// What they may see and do; `.donor` is never a staff role.
    public var role: Viewer

    public init(number: String, name: String, role: Viewer) {
        self.number = number
        self.name = name
        self.role = role
    }

    /// Nurses and supervisors record checks and collections.
    public var mayCollect: Bool { role == .nurse || role == .supervisor }
    /// Supervisors override, correct, see figures and settings.
    public var isSupervisor: Bool { role == .supervisor }
}

/// A donor as the screens see them: a record id and the registry facts with history.
public struct DonorRecord: Sendable, Hashable {
    public var id: String
    public var donor: RegistryDonor

    public init(id: String, donor: RegistryDonor) {
        self.id = id
        self.donor = donor
    }
}

/// Where a queued donor is in the day's flow.
public enum QueueStage: String, Sendable, Hashable, CaseIterable {
    /// Pre-checked in on the self-service screen: answers given, waiting for the volunteer's check-in.
    case arrived
    /// Eligible, waiting for a nurse.
    case waiting
    /// Donation recorded.
    case donated
    /// Card activated: done.
    case activated
}

/// One donor in today's queue.
public struct QueueEntry: Sendable, Hashable {
    /// The number called out ("A-007" is drawn from it).
    public var number: Int
    public var donorID: String
    public var name: String
    /// Already masked: the queue never holds a full ID number.
    public var maskedID: String
    public var procedure: Procedure
    public var stage: QueueStage

    public init(number: Int, donorID: String, name: String, maskedID: String, procedure: Procedure, stage: QueueStage) {
        self.number = number
        self.donorID = donorID
        self.name = name
        self.maskedID = maskedID
        self.procedure = procedure
        self.stage = stage
    }
}

/// What a nurse records for one collection.
public struct CollectionFacts: Sendable, Hashable {
    public var donorID: String
    public var date: LocalDate
    public var kind: DonationKind
    public var volumeML: Int?
    public var doses: Int?
    /// Already validated against the policy's format and normalised.
    public var bagNumber: String
    /// "HH:MM" wall-clock times of the needle in and out.
    public var started: String
    public var ended: String
    public var outcome: DonationOutcome
    public var reaction: AdverseReaction?

    public init(
        donorID: String, date: LocalDate, kind: DonationKind, volumeML: Int?, doses: Int?, bagNumber: String,
        started: String, ended: String, outcome: DonationOutcome, reaction: AdverseReaction?
    ) {
        self.donorID = donorID
        self.date = date
        self.kind = kind
        self.volumeML = volumeML
        self.doses = doses
        self.bagNumber = bagNumber
        self.started = started
        self.ended = ended
        self.outcome = outcome
        self.reaction = reaction
    }
}

/// An activated card and the text its QR code carries (`payload.signature`, both base64url).
public struct SignedCard: Sendable, Hashable {
    public var card: CardKind
    public var validThrough: LocalDate?
    public var qrText: String

    public init(card: CardKind, validThrough: LocalDate?, qrText: String) {
        self.card = card
        self.validThrough = validThrough
        self.qrText = qrText
    }
}

/// The house's figures for one day.
public struct DayFigures: Sendable, Hashable {
    public var donationsByProcedure: [Procedure: Int] = [:]
    public var donationsByBloodType: [String: Int] = [:]
    public var volumeML = 0
    public var activationsByCard: [CardKind: Int] = [:]
    public var adverseReactions = 0
    /// Hour of the day (0–23) → donations started in it.
    public var donationsByHour: [Int: Int] = [:]

    public init() {}

    /// All donations of the day.
    public var totalDonations: Int { donationsByProcedure.values.reduce(0, +) }
}
