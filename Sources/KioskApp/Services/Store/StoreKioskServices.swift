import DonorCore
import Foundation
import KioskStore

/// The kiosk's services on the local store (`KioskStore`): every write is one of its events
/// (with outbox entry and audit line); the day's queue is kept in the audit trail
/// (`queue.enqueue`, subject the donor), so it survives a restart.
public final class StoreKioskServices: KioskServices {
    /// The local store everything goes through.
    public let store: KioskStore
    let policy: Policy
    let signer: any CardSigner
    let today: @Sendable () -> LocalDate

    /// Services on `store`, signing cards with `signer`; `today` is the house's calendar day.
    public init(store: KioskStore, policy: Policy, signer: any CardSigner, today: @escaping @Sendable () -> LocalDate) {
        self.store = store
        self.policy = policy
        self.signer = signer
        self.today = today
    }

    /// Runs a store call, translating its errors into what screens explain.
    @discardableResult
    func run<T>(_ body: () throws(StoreError) -> T) throws(ServiceError) -> T {
        do {
            return try body()
        } catch {
            switch error.code {
            case .signInFailed: throw .wrongPIN
            case .locked: throw .locked
            case .notFound: throw .notFound
            case .duplicateDonor: throw .duplicateDonor
            case .invalidInput where error.field == "bag_number": throw .bagUsed
            default: throw .storage(error.code.rawValue)
            }
        }
    }

    public func signIn(number: String, pin: String) async throws(ServiceError) -> StaffSession {
        let account = try run { () throws(StoreError) in try store.signIn(number: number, pin: pin) }
        return StaffSession(number: account.number, name: account.name, role: Viewer(rawValue: account.role.rawValue) ?? .volunteer)
    }

    /// A stored donor with history and deferrals, as the screens see them.
    func record(_ stored: StoredDonor) throws(ServiceError) -> DonorRecord {
        let history = try run { () throws(StoreError) in try store.history(of: stored.id) }
        let deferrals = try run { () throws(StoreError) in try store.deferrals(of: stored.id) }
        return DonorRecord(id: stored.id.rawValue, donor: RegistryDonor(
            idNumber: stored.idNumber, documentType: stored.documentType, name: stored.name, sex: stored.sex,
            birthDate: stored.birthDate, phone: stored.phone, bloodType: stored.bloodType,
            history: history, deferrals: deferrals))
    }

    public func donor(idNumber: String) async throws(ServiceError) -> DonorRecord? {
        guard let stored = try run({ () throws(StoreError) in try store.donor(idNumber: idNumber) }) else { return nil }
        return try record(stored)
    }

    public func donor(id: String) async throws(ServiceError) -> DonorRecord? {
        guard let stored = try run({ () throws(StoreError) in try store.donor(id: DonorID(id)) }) else { return nil }
        return try record(stored)
    }

    public func duplicates(of donor: RegistryDonor) async throws(ServiceError) -> [DonorRecord] {
        var found: [StoredDonor] = []
        if let phone = donor.phone { found += try run { () throws(StoreError) in try store.donors(phone: phone) } }
        found += try run { () throws(StoreError) in
            try store.search(namePrefix: donor.name, birthYear: donor.birthDate.year).filter { $0.name == donor.name && $0.birthDate == donor.birthDate }
        }
        var seen = Set<DonorID>()
        var records: [DonorRecord] = []
        for stored in found where seen.insert(stored.id).inserted { records.append(try record(stored)) }
        return records
    }

    public func register(_ donor: RegistryDonor, by staff: String) async throws(ServiceError) -> DonorRecord {
        let id = try run { () throws(StoreError) in try store.registerDonor(donor, author: staff) }
        guard let record = try await self.donor(id: id.rawValue) else { throw .notFound }
        return record
    }

    public func latestAnswers(donorID: String) async throws(ServiceError) -> QuestionnaireAnswers? {
        try run { () throws(StoreError) in try store.latestAnswers(of: DonorID(donorID)) }
    }

    public func saveAnswers(_ answers: QuestionnaireAnswers, donorID: String, by staff: String) async throws(ServiceError) {
        try run { () throws(StoreError) in try store.saveAnswers(answers, for: DonorID(donorID), author: staff) }
    }

    public func saveVitals(_ vitals: Vitals, on date: LocalDate, donorID: String, by staff: String) async throws(ServiceError) {
        try run { () throws(StoreError) in try store.saveVitals(vitals, on: date, for: DonorID(donorID), author: staff) }
    }

    public func enqueue(donorID: String, procedure: Procedure, overrides: [RuleOverride], by staff: String) async throws(ServiceError) -> QueueEntry {
        let number = try await queue(on: today()).count + 1
        try run { () throws(StoreError) in
            for override in overrides {
                try store.recordAudit(actor: override.by, action: "rule.override", subject: donorID, detail: "\(override.rule): \(override.reason)")
            }
            try store.recordAudit(actor: staff, action: "queue.enqueue", subject: donorID, detail: "\(today().iso)|\(procedure.rawValue)|\(number)")
        }
        guard let entry = try await queue(on: today()).last(where: { $0.donorID == donorID }) else { throw .notFound }
        return entry
    }

    public func queue(on date: LocalDate) async throws(ServiceError) -> [QueueEntry] {
        let lines = try run { () throws(StoreError) in try store.audit(action: "queue.enqueue", limit: 1000) }
        var entries: [QueueEntry] = []
        for line in lines.reversed() {
            let parts = (line.detail ?? "").split(separator: "|").map(String.init)
            guard parts.count == 3, parts[0] == date.iso, let procedure = Procedure(rawValue: parts[1]),
                  let number = Int(parts[2]), let donorID = line.subject,
                  let stored = try run({ () throws(StoreError) in try store.donor(id: DonorID(donorID)) }) else { continue }
            let history = try run { () throws(StoreError) in try store.history(of: stored.id) }
            let activations = try run { () throws(StoreError) in try store.activations(of: stored.id) }
            var stage = QueueStage.waiting
            if history.contains(where: { $0.date == date && !$0.voided }) { stage = .donated }
            if stage == .donated, activations.contains(where: { $0.date == date }) { stage = .activated }
            entries.append(QueueEntry(number: number, donorID: donorID, name: stored.name, maskedID: stored.maskedIDNumber, procedure: procedure, stage: stage))
        }
        return entries
    }

    public func recordDonation(_ facts: CollectionFacts, by staff: String) async throws(ServiceError) -> Donation {
        let stored = DonationFacts(
            date: facts.date, kind: facts.kind, volumeML: facts.volumeML, doses: facts.doses,
            outcome: facts.outcome, bagNumber: facts.bagNumber, region: nil, reaction: facts.reaction)
        let donation = try run { () throws(StoreError) in try store.recordDonation(for: DonorID(facts.donorID), stored, author: staff) }
        // The needle times are not part of the store's donation facts; they go to the audit trail.
        try run { () throws(StoreError) in
            try store.recordAudit(actor: staff, action: "donation.times", subject: donation.id, detail: "\(facts.started)-\(facts.ended)")
        }
        return donation
    }

    public func voidDonation(id: String, reason: String, by staff: String) async throws(ServiceError) {
        try run { () throws(StoreError) in try store.voidDonation(id, reason: reason, author: staff) }
    }

    public func activateCard(donorID: String, status: CardStatus, by staff: String) async throws(ServiceError) -> SignedCard {
        guard let card = status.effective else { throw .notFound }
        let until = card == .annual ? status.annual?.validThrough : nil
        try run { () throws(StoreError) in
            try store.activateCard(for: DonorID(donorID), card: card, date: status.date, validThrough: until,
                                   tier: status.tier?.id, policy: policy.reference, author: staff)
        }
        let tierIndex = status.tier.flatMap { tier in policy.tiers.firstIndex { $0.id == tier.id } }
        return SignedCard(card: card, validThrough: until, qrText: try signer.qrText(donorKey: donorID, card: card, tierIndex: tierIndex, until: until))
    }

    public func dayFigures(on date: LocalDate) async throws(ServiceError) -> DayFigures {
        var figures = DayFigures()
        let times = try run { () throws(StoreError) in try store.audit(action: "donation.times", limit: 1000) }
        var hourByDonation: [String: Int] = [:]
        for line in times { if let subject = line.subject, let hour = Int((line.detail ?? "").prefix(2)) { hourByDonation[subject] = hour } }
        var seen = Set<String>()
        for entry in try await queue(on: date) where seen.insert(entry.donorID).inserted {
            guard let record = try await donor(id: entry.donorID) else { continue }
            for donation in record.donor.history where donation.date == date && !donation.voided {
                if let procedure = donation.kind.procedure { figures.donationsByProcedure[procedure, default: 0] += 1 }
                figures.donationsByBloodType[record.donor.bloodType?.description ?? "?", default: 0] += 1
                figures.volumeML += donation.volumeML ?? 0
                if donation.reaction != nil { figures.adverseReactions += 1 }
                if let hour = hourByDonation[donation.id] { figures.donationsByHour[hour, default: 0] += 1 }
            }
            let activations = try run { () throws(StoreError) in try store.activations(of: DonorID(entry.donorID)) }
            for activation in activations where activation.date == date { figures.activationsByCard[activation.card, default: 0] += 1 }
        }
        return figures
    }

    public func syncStatus() async -> SyncStatus {
        let pending = (try? store.pendingOutboxCount()) ?? 0
        // Sync is another issue: until it lands the kiosk is offline and never synced.
        return SyncStatus(online: false, pendingEvents: pending, lastSync: nil)
    }

    public func audit(_ action: String, detail: String, by staff: String) async {
        try? store.recordAudit(actor: staff, action: action, subject: nil, detail: detail.isEmpty ? nil : detail)
    }
}
