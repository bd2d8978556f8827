import DonorCore
import GRDB
import SyncWire

// How a pulled event changes the projections. Each function runs inside `applyRemote`'s
// transaction and returns the donors whose state changed. An event about a donor, donation,
// deferral or card this kiosk does not hold is kept in the log and changes nothing here (the
// centre sends a donor's registration before anything about them, so this only happens for a
// record the centre did not share with this house).

extension KioskStore {
    /// `donorRow`: the registration's row made ahead by `readRemote`, when it could be.
    func project(_ event: EventEnvelope, donorRow: DonorRow?, in db: Database) throws -> Set<DonorID> {
        switch event.payload {
        case .donorRegistered(let p): return try projectRegistration(p, row: donorRow, in: db)
        case .donorUpdated(let p): return try projectProfileUpdate(p, event: event, in: db)
        case .donorMerged(let p):
            guard let source = try existingRow(p.source, in: db), let target = try existingRow(p.target, in: db),
                  source != target, try rootRow(of: target, in: db) != source else { return [] }
            try db.execute(sql: "UPDATE donors SET merged_into = ? WHERE row = ?", arguments: [target, source])
            return [DonorID(p.source), DonorID(p.target)]
        case .donorUnmerged(let p):
            guard let source = try existingRow(p.source, in: db), let target = try existingRow(p.target, in: db) else { return [] }
            try db.execute(sql: "UPDATE donors SET merged_into = NULL WHERE row = ? AND merged_into = ?", arguments: [source, target])
            return db.changesCount > 0 ? [DonorID(p.source), DonorID(p.target)] : []
        case .donationRecorded(let p): return try projectDonation(p, event: event, in: db)
        case .donationCorrected(let p): return try projectCorrection(p, event: event, in: db)
        case .donationVoided(let p):
            try db.execute(sql: "UPDATE donations SET voided = 1 WHERE uid = ?", arguments: [p.donation])
            return db.changesCount > 0 ? Set(p.donor.map { [DonorID($0)] } ?? []) : []
        case .deferralAdded(let p):
            guard let donor = p.donor, let row = try existingRow(donor, in: db),
                  try !exists("SELECT 1 FROM deferrals WHERE uid = ?", p.deferral.id, in: db) else { return [] }
            guard !p.deferral.id.isEmpty, !p.deferral.rule.isEmpty else {
                throw StoreError(.invalidInput, "a pulled deferral has no id or rule", field: "deferral")
            }
            try FactInserter(db: db, cipher: cipher).insertDeferral(p.deferral, donorRow: row, origin: "kiosk")
            return [DonorID(donor)]
        case .deferralLifted(let p):
            try db.execute(sql: "UPDATE deferrals SET lifted = 1 WHERE uid = ?", arguments: [p.deferral])
            return db.changesCount > 0 ? Set(p.donor.map { [DonorID($0)] } ?? []) : []
        case .cardActivated(let p):
            guard let donor = p.donor, let row = try existingRow(donor, in: db) else { return [] }
            try db.execute(sql: """
                INSERT INTO card_activations (donor, card, date, valid_through, tier, policy, event) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row, p.card.rawValue, p.date.iso, p.validThrough?.iso, p.tier, p.policy ?? "", event.id.rawValue])
            return [DonorID(donor)]
        case .cardRevoked(let p):
            try db.execute(sql: "UPDATE card_activations SET revoked = 1 WHERE event = ?", arguments: [p.activationID])
            guard db.changesCount > 0 else { return [] }
            return Set(try String.fetchAll(db, sql: """
                SELECT d.uid FROM card_activations c JOIN donors d ON d.row = c.donor WHERE c.event = ?
                """, arguments: [p.activationID]).map(DonorID.init))
        case .answersSaved, .vitalsSaved, .queueTicketed, .eligibilityOverridden:
            // Another house's check-in, queue or override (the centre shares none): kept in the log only.
            return []
        }
    }

    /// A donor registered at another house: a new row, even when this kiosk holds the same ID
    /// number under another id (two rows until the centre's `donor.merged` joins them). `row`
    /// is the registration's row made ahead; without it (it failed, see `remoteDonorRow`) it is
    /// made here, and its error fails the page.
    private func projectRegistration(_ p: DonorRegisteredPayload, row: DonorRow?, in db: Database) throws -> Set<DonorID> {
        guard let donor = p.donor, try existingRow(donor, in: db) == nil else { return [] }
        _ = try insertDonorRow(row ?? remoteDonorRow(p), origin: "kiosk", in: db)
        return [DonorID(donor)]
    }

    /// A pulled registration normalised, checked and made into its `donors` row.
    func remoteDonorRow(_ p: DonorRegisteredPayload) throws(StoreError) -> DonorRow {
        var normalised = p
        normalised.idNumber = DonorKeys.idNumber(p.idNumber)
        normalised.phone = p.phone.map(DonorKeys.phone).flatMap { $0.isEmpty ? nil : $0 }
        guard !normalised.idNumber.isEmpty else {
            throw StoreError(.invalidInput, "a pulled registration has no document number", field: "id_number")
        }
        if let blood = p.bloodType, BloodType(blood) == nil {
            throw StoreError(.invalidInput, "a pulled registration has an unknown blood type", field: "blood_type")
        }
        return try donorRow(normalised)
    }

    /// A collection at another house. Its bag number goes into the projection, so the bag is
    /// refused here too; if this kiosk already used the same bag (both offline), the pulled
    /// donation is kept without the number and the clash goes to the audit trail for a
    /// supervisor (the centre flags it as well).
    private func projectDonation(_ p: DonationRecordedPayload, event: EventEnvelope, in db: Database) throws -> Set<DonorID> {
        guard let donor = p.donor, let row = try existingRow(donor, in: db),
              try !exists("SELECT 1 FROM donations WHERE uid = ?", p.donation, in: db) else { return [] }
        try Self.check(p.facts)
        let bag = try usableBag(p.facts.bagNumber, except: nil, donation: p.donation, author: event.author, in: db)
        try FactInserter(db: db, cipher: cipher).insertDonation(Self.donation(id: p.donation, p.facts), donorRow: row,
                                                               bagNumber: bag, origin: "kiosk")
        return [DonorID(donor)]
    }

    private func projectCorrection(_ p: DonationCorrectedPayload, event: EventEnvelope, in db: Database) throws -> Set<DonorID> {
        guard let row = try Int64.fetchOne(db, sql: "SELECT row FROM donations WHERE uid = ?", arguments: [p.donation]) else { return [] }
        try Self.check(p.facts)
        let bag = try usableBag(p.facts.bagNumber, except: row, donation: p.donation, author: event.author, in: db)
        try updateDonation(row: row, p.facts, bagNumber: bag, in: db)
        return Set(p.donor.map { [DonorID($0)] } ?? [])
    }

    private func usableBag(_ bag: String?, except row: Int64?, donation: String, author: String, in db: Database) throws -> String? {
        guard let bag, try isBagUsed(bag, except: row, in: db) else { return bag }
        try audit(actor: author, action: "sync.bag_conflict", subject: donation, outcome: .failed,
                  detail: "the bag number of a pulled donation is already used at this kiosk", in: db)
        return nil
    }

    func existingRow(_ uid: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT row FROM donors WHERE uid = ?"), arguments: [uid])
    }

    private func exists(_ sql: String, _ argument: String, in db: Database) throws -> Bool {
        try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [argument]) != nil
    }
}
