import DonorCore
import Foundation
import GRDB
import SyncWire

extension KioskStore {
    /// Records a collection at this house (`donation.recorded`) and returns it as the rules see
    /// it; its id is the event's id.
    ///
    /// Refuses a bag number used before (`invalidInput`, field `bag_number`) and a donor that
    /// does not exist (`notFound`); nothing is written then.
    @discardableResult
    public func recordDonation(for donor: DonorID, _ facts: DonationFacts, author: String) throws(StoreError) -> Donation {
        try Self.check(facts)
        let id = EventID.make()
        return try write { db in
            let row = try donorRow(donor, in: db)
            try ensureBagUnused(facts.bagNumber, except: nil, in: db)
            let donation = Self.donation(id: id.rawValue, facts)
            try FactInserter(db: db, cipher: cipher).insertDonation(donation, donorRow: row, bagNumber: facts.bagNumber, origin: "kiosk")
            try append(.donationRecorded(DonationRecordedPayload(donation: id.rawValue, donor: donor.rawValue, facts: facts)),
                       id: id, author: author, in: db)
            return donation
        }
    }

    /// Voids a donation (`donation.voided`): it stays in the log and the history, marked voided,
    /// and the rules ignore it.
    ///
    /// `revoking` names card activations (their event ids) that the void leaves without a
    /// donation behind them: each is withdrawn (`card.revoked`, with the same reason) in the
    /// same transaction, so a card is never left standing on a voided donation.
    public func voidDonation(_ donationID: String, reason: String, author: String, revoking: [String] = []) throws(StoreError) {
        try Self.requireReason(reason)
        try write { db in
            let (row, donor) = try donationRow(donationID, in: db)
            guard try Bool.fetchOne(db, sql: "SELECT voided FROM donations WHERE row = ?", arguments: [row]) == false else {
                throw StoreError(.conflict, "this donation is already voided", field: "donation")
            }
            try db.execute(sql: "UPDATE donations SET voided = 1 WHERE row = ?", arguments: [row])
            try append(.donationVoided(DonationVoidedPayload(donation: donationID, donor: donor.rawValue, reason: reason)),
                       author: author, in: db)
            try revoke(revoking, reason: reason, author: author, in: db)
        }
    }

    /// The donor a donation belongs to.
    public func donor(ofDonation donationID: String) throws(StoreError) -> DonorID {
        try read { db in try donationRow(donationID, in: db).1 }
    }

    /// Withdraws card activations (by their event ids): each marked revoked and a `card.revoked`
    /// event written. An id that names no activation in force fails the caller's transaction.
    func revoke(_ activationIDs: [String], reason: String, author: String, in db: Database) throws {
        for id in activationIDs {
            try db.execute(sql: "UPDATE card_activations SET revoked = 1 WHERE event = ? AND revoked = 0", arguments: [id])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no card activation in force with this id", field: "activation") }
            try append(.cardRevoked(CardRevokedPayload(activationID: id, reason: reason)), author: author, in: db)
        }
    }

    /// Replaces the facts of a donation (`donation.corrected`), keeping its id; returns the
    /// corrected donation.
    @discardableResult
    /// `revoking`: as for `voidDonation`, the activations the correction leaves without a card.
    public func correctDonation(_ donationID: String, _ facts: DonationFacts, reason: String, author: String,
                                revoking: [String] = []) throws(StoreError) -> Donation {
        try Self.check(facts)
        try Self.requireReason(reason)
        return try write { db in
            let (row, donor) = try donationRow(donationID, in: db)
            try ensureBagUnused(facts.bagNumber, except: row, in: db)
            try updateDonation(row: row, facts, bagNumber: facts.bagNumber, in: db)
            try append(.donationCorrected(DonationCorrectedPayload(donation: donationID, donor: donor.rawValue, facts: facts, reason: reason)),
                       author: author, in: db)
            try revoke(revoking, reason: reason, author: author, in: db)
            let voided = try Bool.fetchOne(db, sql: "SELECT voided FROM donations WHERE row = ?", arguments: [row]) ?? false
            var donation = Self.donation(id: donationID, facts)
            donation.voided = voided
            return donation
        }
    }

    /// The donor's donations, oldest first, including those of every record merged with theirs
    /// and voided ones (marked `voided`, which the rules skip).
    public func history(of donor: DonorID) throws(StoreError) -> [Donation] {
        try read { db in try history(ofRow: try donorRow(donor, in: db), in: db) }
    }

    func history(ofRow row: Int64, in db: Database) throws -> [Donation] {
        let rows = try clusterRows(of: row, in: db)
        let sql = rows.count == 1
            ? "SELECT * FROM donations WHERE donor = ? ORDER BY date, row"
            : "SELECT * FROM donations WHERE donor IN (\(databaseQuestionMarks(count: rows.count))) ORDER BY date, row"
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(rows)).map { r in
            guard let date = LocalDate(iso: r["date"]), let kind = DonationKind(rawValue: r["kind"]),
                  let outcome = DonationOutcome(rawValue: r["outcome"]) else {
                throw StoreError(.database, "a donation record is malformed", field: "donations")
            }
            return Donation(id: r["uid"], date: date, kind: kind, volumeML: r["volume_ml"], doses: r["doses"],
                            outcome: outcome, region: r["region"], reaction: try ReactionCoding.decode(r["reaction"]),
                            voided: r["voided"])
        }
    }

    /// The bag number a donation was recorded with, if any.
    public func bagNumber(ofDonation donationID: String) throws(StoreError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT bag_number FROM donations WHERE uid = ?", arguments: [donationID]) }
    }

    // MARK: Helpers

    /// Replaces the facts of the donation at `row` (its id, donor and voided mark stay).
    func updateDonation(row: Int64, _ facts: DonationFacts, bagNumber: String?, in db: Database) throws {
        try db.execute(sql: """
            UPDATE donations SET date = ?, kind = ?, volume_ml = ?, doses = ?, outcome = ?, region = ?,
                reaction = ?, bag_number = ? WHERE row = ?
            """, arguments: [facts.date.iso, facts.kind.rawValue, facts.volumeML, facts.doses, facts.outcome.rawValue,
                             facts.region, try ReactionCoding.encode(facts.reaction), bagNumber, row])
    }

    /// True when a donation other than the one at `row` holds the bag number `bag`.
    func isBagUsed(_ bag: String, except row: Int64?, in db: Database) throws -> Bool {
        // Cached: every pulled donation with a bag number asks, millions in a bootstrap.
        let used = try Int64.fetchOne(db.cachedStatement(sql: "SELECT row FROM donations WHERE bag_number = ?"), arguments: [bag])
        return used != nil && used != row
    }

    static func donation(id: String, _ facts: DonationFacts) -> Donation {
        Donation(id: id, date: facts.date, kind: facts.kind, volumeML: facts.volumeML, doses: facts.doses,
                 outcome: facts.outcome, region: facts.region, reaction: facts.reaction)
    }

    static func check(_ facts: DonationFacts) throws(StoreError) {
        if let volume = facts.volumeML, volume <= 0 {
            throw StoreError(.invalidInput, "the volume must be a positive number of millilitres", field: "volume_ml")
        }
        if let doses = facts.doses, doses <= 0 {
            throw StoreError(.invalidInput, "the doses must be a positive number", field: "doses")
        }
        if let bag = facts.bagNumber, bag.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError(.invalidInput, "the bag number is empty", field: "bag_number")
        }
        for (time, field) in [(facts.started, "started"), (facts.ended, "ended")] {
            if let time, !DonationFacts.isClockTime(time) {
                throw StoreError(.invalidInput, "a needle time is HH:MM on a 24-hour clock", field: field)
            }
        }
    }

    static func requireReason(_ reason: String) throws(StoreError) {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.invalidInput, "a written reason is required", field: "reason")
        }
    }

    func ensureBagUnused(_ bag: String?, except row: Int64?, in db: Database) throws {
        guard let bag else { return }
        if try isBagUsed(bag, except: row, in: db) {
            throw StoreError(.invalidInput, "this bag number was used before; scan a new bag", field: "bag_number")
        }
    }

    func donationRow(_ donationID: String, in db: Database) throws -> (Int64, DonorID) {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT n.row, d.uid FROM donations n JOIN donors d ON d.row = n.donor WHERE n.uid = ?
            """, arguments: [donationID]) else {
            throw StoreError(.notFound, "no donation with this id", field: "donation")
        }
        return (r[0], DonorID(r[1]))
    }
}
