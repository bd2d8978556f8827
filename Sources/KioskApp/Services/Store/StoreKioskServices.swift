import DonorCore
import Foundation
import KioskStore
import SyncWire

/// The kiosk's services on the local store (`KioskStore`): every write is one of its events
/// (with outbox entry and audit line); the day's queue is read from its `queue.ticketed`
/// events, so it survives a restart and reaches the centre.
public final class StoreKioskServices: KioskServices {
    /// The local store everything goes through.
    public let store: KioskStore
    let policy: Policy
    let signer: any CardSigner
    let today: @Sendable () -> LocalDate
    /// What the settings screen shows; the kiosk passes what its kiosk.conf says.
    let house: HouseSettings?
    /// The background sync's view of the link, when the kiosk is enrolled.
    let syncLink: (@Sendable () async -> SyncLink)?
    /// The self-service screen's wrong-attempt limits (`[self_service]`); nil: it cannot verify.
    let limits: SelfServiceLimits?

    /// Services on `store`, signing cards with `signer`; `today` is the house's calendar day.
    public init(store: KioskStore, policy: Policy, signer: any CardSigner, today: @escaping @Sendable () -> LocalDate,
                house: HouseSettings? = nil, selfServiceLimits: SelfServiceLimits? = nil,
                syncLink: (@Sendable () async -> SyncLink)? = nil) {
        self.syncLink = syncLink
        self.store = store
        self.policy = policy
        self.signer = signer
        self.today = today
        self.house = house
        self.limits = selfServiceLimits
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
        // The store numbers the ticket (a donor who pre-checked in keeps theirs) and writes the
        // overrides with it, in one transaction.
        let date = today()
        let overridden = overrides.map {
            EligibilityOverriddenPayload(donor: donorID, date: date, rule: $0.rule, reason: $0.reason, supervisor: $0.by)
        }
        try run { () throws(StoreError) in
            try store.issueTicket(for: DonorID(donorID), on: date, procedure: procedure, overrides: overridden, author: staff)
        }
        guard let entry = try await queue(on: date).last(where: { $0.donorID == donorID }) else { throw .notFound }
        return entry
    }

    public func queue(on date: LocalDate) async throws(ServiceError) -> [QueueEntry] {
        // The day's `queue.ticketed` events in issue order: a check-in that reissues a
        // self-service number replaces the arrival, so the number stays the donor's.
        var byNumber: [Int: (donorID: String, procedure: Procedure?)] = [:]
        for ticket in try run({ () throws(StoreError) in try store.queueTickets(on: date) }) {
            guard let donorID = ticket.donor, ticket.procedure != nil || byNumber[ticket.number] == nil else { continue }
            byNumber[ticket.number] = (donorID, ticket.procedure)
        }
        var entries: [QueueEntry] = []
        for (number, item) in byNumber.sorted(by: { $0.key < $1.key }) {
            guard let stored = try run({ () throws(StoreError) in try store.donor(id: DonorID(item.donorID)) }) else { continue }
            var stage = QueueStage.arrived
            if item.procedure != nil {
                let history = try run { () throws(StoreError) in try store.history(of: stored.id) }
                let activations = try run { () throws(StoreError) in try store.activations(of: stored.id) }
                stage = .waiting
                if history.contains(where: { $0.date == date && !$0.voided }) { stage = .donated }
                if stage == .donated, activations.contains(where: { $0.date == date }) { stage = .activated }
            }
            entries.append(QueueEntry(number: number, donorID: item.donorID, name: stored.name, maskedID: stored.maskedIDNumber,
                                      procedure: item.procedure ?? .wholeBlood, stage: stage))
        }
        return entries
    }

    public func recordDonation(_ facts: CollectionFacts, by staff: String) async throws(ServiceError) -> Donation {
        let stored = DonationFacts(
            date: facts.date, kind: facts.kind, volumeML: facts.volumeML, doses: facts.doses,
            outcome: facts.outcome, bagNumber: facts.bagNumber, region: nil, reaction: facts.reaction,
            started: facts.started, ended: facts.ended)
        return try run { () throws(StoreError) in try store.recordDonation(for: DonorID(facts.donorID), stored, author: staff) }
    }

    public func voidDonation(id: String, reason: String, by staff: String) async throws(ServiceError) {
        try run { () throws(StoreError) in
            let donor = try store.donor(ofDonation: id)
            let history = try store.history(of: donor)
            let after = history.map { donation in
                var changed = donation
                if changed.id == id { changed.voided = true }
                return changed
            }
            try store.voidDonation(id, reason: reason, author: staff, revoking: try cardsWithdrawn(of: donor, from: history, to: after))
        }
    }

    /// The card activations (event ids) that stand on `before` and not on `after`: a void or a
    /// correction that takes away the donation a card was activated for withdraws that card,
    /// in the same transaction. One that stands either way, or was no longer in force, stays.
    func cardsWithdrawn(of donor: DonorID, from before: [Donation], to after: [Donation]) throws(StoreError) -> [String] {
        let date = today()
        let was = CardStatus(history: before, on: date, policy: policy), now = CardStatus(history: after, on: date, policy: policy)
        func stands(_ activation: CardActivatedPayload, on status: CardStatus) -> Bool {
            guard status.effective == activation.card else { return false }
            return activation.card == .honour || status.annual?.validThrough == activation.validThrough
        }
        return try store.activationRecords(of: donor)
            .filter { stands($0.activation, on: was) && !stands($0.activation, on: now) }
            .map(\.eventID)
    }

    public func correctDonation(_ correction: DonationCorrection, by staff: String) async throws(ServiceError) {
        try run { () throws(StoreError) in
            let donor = DonorID(correction.donorID)
            let history = try store.history(of: donor)
            let recorded = history.first { $0.id == correction.donationID }
            guard let donation = recorded.map(correction.applied(to:)) else { throw StoreError(.notFound, "no such donation", field: "donation") }
            // Only the amount and outcome change; the bag number and the needle times stay as
            // the nurse recorded them.
            let recordedTimes = try store.recordedFacts(ofDonation: donation.id)
            let facts = DonationFacts(
                date: donation.date, kind: donation.kind, volumeML: donation.volumeML, doses: donation.doses,
                outcome: donation.outcome, bagNumber: try store.bagNumber(ofDonation: donation.id),
                region: donation.region, reaction: donation.reaction,
                started: recordedTimes?.started, ended: recordedTimes?.ended)
            let after = history.map { $0.id == donation.id ? donation : $0 }
            try store.correctDonation(donation.id, facts, reason: correction.reason, author: staff,
                                      revoking: try cardsWithdrawn(of: donor, from: history, to: after))
        }
    }

    public func activateCard(donorID: String, status: CardStatus, by staff: String) async throws(ServiceError) -> SignedCard {
        let signed = try SignedCard.sign(donorID: donorID, status: status, policy: policy, signer: signer)
        try run { () throws(StoreError) in
            try store.activateCard(for: DonorID(donorID), card: signed.card, date: status.date, validThrough: signed.validThrough,
                                   tier: status.tier?.id, policy: policy.reference, author: staff)
        }
        return signed
    }

    public func dayFigures(on date: LocalDate) async throws(ServiceError) -> DayFigures {
        var figures = DayFigures()
        var seen = Set<String>()
        for entry in try await queue(on: date) where seen.insert(entry.donorID).inserted {
            guard let record = try await donor(id: entry.donorID) else { continue }
            for donation in record.donor.history where donation.date == date && !donation.voided {
                if let procedure = donation.kind.procedure { figures.donationsByProcedure[procedure, default: 0] += 1 }
                figures.donationsByBloodType[record.donor.bloodType?.description ?? "?", default: 0] += 1
                figures.volumeML += donation.volumeML ?? 0
                if donation.reaction != nil { figures.adverseReactions += 1 }
                // The hour of the needle-in time the recording event carries.
                let recorded = try run { () throws(StoreError) in try store.recordedFacts(ofDonation: donation.id) }
                if let hour = recorded?.started.flatMap({ Int($0.prefix(2)) }) { figures.donationsByHour[hour, default: 0] += 1 }
            }
            let activations = try run { () throws(StoreError) in try store.activations(of: DonorID(entry.donorID)) }
            for activation in activations where activation.date == date { figures.activationsByCard[activation.card, default: 0] += 1 }
        }
        return figures
    }

    public func syncStatus() async -> SyncStatus {
        let pending = (try? store.pendingOutboxCount()) ?? 0
        // The background sync knows the link; without one (not enrolled, no server) the last
        // `kiosk sync --once` recorded in the store is what there is.
        let link = await syncLink?()
        let summary = try? store.syncSummary()
        let recorded = [summary?.lastPushMilliseconds, summary?.lastPullMilliseconds].compactMap { $0 }.max()
            .map { Date(timeIntervalSince1970: Double($0) / 1000) }
        let last = [link?.lastSync, recorded].compactMap { $0 }.max()
        return SyncStatus(online: link?.online ?? false, pendingEvents: pending, lastSync: last.map { Self.shortTime($0, zone: policy.timeZone) },
                          changedDonors: link?.changedDonors ?? [], bootstrap: summary.flatMap(Self.bootstrap),
                          problems: (summary?.rejected ?? 0) + (summary?.flagged ?? 0))
    }

    /// The bootstrap's progress as the store saved it: each page commits with its position, so
    /// the store is right whether the background sync is downloading now, is waiting for the
    /// centre, or is not running (the last `kiosk sync --once` stopped half way).
    static func bootstrap(_ summary: SyncSummary) -> BootstrapProgress? {
        let mark = summary.mark
        guard mark.isBootstrapping else { return nil }
        var fraction: Double?
        if let after = mark.snapshotAfter.flatMap(Double.init), let upto = mark.snapshotUpto.flatMap(Double.init), upto > 0 {
            fraction = min(1, after / upto)
        }
        return BootstrapProgress(applied: mark.snapshotApplied, fraction: fraction)
    }

    /// "11-26 09:30" in the house's time zone.
    static func shortTime(_ date: Date, zone: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: zone) ?? .current
        formatter.dateFormat = "MM-dd HH:mm"
        return formatter.string(from: date)
    }

    public func audit(_ action: String, detail: String, by staff: String) async {
        try? store.recordAudit(actor: staff, action: action, subject: nil, detail: detail.isEmpty ? nil : detail)
    }
}
