import DonorCore
import Foundation
import GRDB
import SyncWire

extension KioskStore {
    /// Sets a deferral on a donor (`deferral.added`, payload encrypted: the rule names a health
    /// reason); `until` nil makes it permanent.
    @discardableResult
    public func addDeferral(to donor: DonorID, rule: String, source: Deferral.Source, from: LocalDate,
                            until: LocalDate?, author: String) throws(StoreError) -> Deferral {
        guard !rule.isEmpty else { throw StoreError(.invalidInput, "the deferral rule is missing", field: "rule") }
        if let until, until <= from {
            throw StoreError(.invalidInput, "a temporary deferral must end after it starts", field: "until")
        }
        let id = EventID.make()
        let deferral = Deferral(id: id.rawValue, rule: rule, source: source, from: from, until: until)
        return try write { db in
            let row = try donorRow(donor, in: db)
            try FactInserter(db: db, cipher: cipher).insertDeferral(deferral, donorRow: row, origin: "kiosk")
            try append(.deferralAdded(DeferralAddedPayload(donor: donor.rawValue, deferral: deferral)), id: id, author: author, in: db)
            return deferral
        }
    }

    /// Lifts a deferral early (`deferral.lifted`) with a written reason.
    public func liftDeferral(_ deferralID: String, reason: String, author: String) throws(StoreError) {
        try Self.requireReason(reason)
        try write { db in
            guard let donor = try String.fetchOne(db, sql: """
                SELECT d.uid FROM deferrals f JOIN donors d ON d.row = f.donor WHERE f.uid = ?
                """, arguments: [deferralID]) else {
                throw StoreError(.notFound, "no deferral with this id", field: "deferral")
            }
            try db.execute(sql: "UPDATE deferrals SET lifted = 1 WHERE uid = ?", arguments: [deferralID])
            try append(.deferralLifted(DeferralLiftedPayload(donor: donor, deferral: deferralID, reason: reason)),
                       author: author, in: db)
        }
    }

    /// The donor's deferrals (of every merged record), oldest first, lifted ones marked.
    public func deferrals(of donor: DonorID) throws(StoreError) -> [Deferral] {
        try read { db in try deferrals(ofRow: try donorRow(donor, in: db), in: db) }
    }

    func deferrals(ofRow row: Int64, in db: Database) throws -> [Deferral] {
        let rows = try clusterRows(of: row, in: db)
        return try Row.fetchAll(db, sql: """
            SELECT * FROM deferrals WHERE donor IN (\(databaseQuestionMarks(count: rows.count))) ORDER BY from_date, row
            """, arguments: StatementArguments(rows)).map { r in
            guard let source = Deferral.Source(rawValue: r["source"]), let from = LocalDate(iso: r["from_date"]) else {
                throw StoreError(.database, "a deferral record is malformed", field: "deferrals")
            }
            return Deferral(id: r["uid"], rule: r["rule"], source: source, from: from,
                            until: (r["until_date"] as String?).flatMap { LocalDate(iso: $0) }, lifted: r["lifted"])
        }
    }

    /// Saves the donor's questionnaire answers for a day (`answers.saved`; encrypted at rest).
    public func saveAnswers(_ answers: QuestionnaireAnswers, for donor: DonorID, author: String) throws(StoreError) {
        let sealed = try cipher.seal(try Self.json(answers))
        try write { db in
            let row = try donorRow(donor, in: db)
            let event = try append(.answersSaved(AnswersSavedPayload(donor: donor.rawValue, answers: answers)), author: author, in: db)
            try db.execute(sql: "INSERT INTO answers (donor, date, sealed, event) VALUES (?, ?, ?, ?)",
                           arguments: [row, answers.date.iso, sealed, event.id.rawValue])
        }
    }

    /// The donor's most recent questionnaire (of any merged record), or nil.
    public func latestAnswers(of donor: DonorID) throws(StoreError) -> QuestionnaireAnswers? {
        try read { db in try latestAnswers(ofRow: try donorRow(donor, in: db), in: db) }
    }

    func latestAnswers(ofRow row: Int64, in db: Database) throws -> QuestionnaireAnswers? {
        let rows = try clusterRows(of: row, in: db)
        guard let sealed = try Data.fetchOne(db, sql: """
            SELECT sealed FROM answers WHERE donor IN (\(databaseQuestionMarks(count: rows.count))) ORDER BY date DESC, row DESC LIMIT 1
            """, arguments: StatementArguments(rows)) else { return nil }
        return try JSONDecoder().decode(QuestionnaireAnswers.self, from: try cipher.open(sealed, field: "answers"))
    }

    /// Saves the pre-donation check (`vitals.saved`; encrypted at rest).
    public func saveVitals(_ vitals: Vitals, on date: LocalDate, for donor: DonorID, author: String) throws(StoreError) {
        let sealed = try cipher.seal(try Self.json(vitals))
        try write { db in
            let row = try donorRow(donor, in: db)
            let event = try append(.vitalsSaved(VitalsSavedPayload(donor: donor.rawValue, date: date, vitals: vitals)), author: author, in: db)
            try db.execute(sql: "INSERT INTO vitals (donor, date, sealed, event) VALUES (?, ?, ?, ?)",
                           arguments: [row, date.iso, sealed, event.id.rawValue])
        }
    }

    /// The donor's vitals taken on `date` (the latest of that day), or nil.
    public func vitals(of donor: DonorID, on date: LocalDate) throws(StoreError) -> Vitals? {
        try read { db in
            let rows = try clusterRows(of: try donorRow(donor, in: db), in: db)
            guard let sealed = try Data.fetchOne(db, sql: """
                SELECT sealed FROM vitals WHERE donor IN (\(databaseQuestionMarks(count: rows.count))) AND date = ?
                ORDER BY row DESC LIMIT 1
                """, arguments: StatementArguments(rows) + [date.iso]) else { return nil }
            return try JSONDecoder().decode(Vitals.self, from: try cipher.open(sealed, field: "vitals"))
        }
    }

    /// Records that a card was activated for the donor (`card.activated`).
    @discardableResult
    public func activateCard(for donor: DonorID, card: CardKind, date: LocalDate, validThrough: LocalDate?,
                             tier: String?, policy: String, author: String) throws(StoreError) -> EventID {
        try write { db in
            let row = try donorRow(donor, in: db)
            let payload = CardActivatedPayload(donor: donor.rawValue, card: card, date: date, validThrough: validThrough,
                                               tier: tier, policy: policy)
            let event = try append(.cardActivated(payload), author: author, in: db)
            try db.execute(sql: """
                INSERT INTO card_activations (donor, card, date, valid_through, tier, policy, event) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row, card.rawValue, date.iso, validThrough?.iso, tier, policy, event.id.rawValue])
            return event.id
        }
    }

    /// The donor's card activations (of every merged record), oldest first; revoked ones left out.
    public func activations(of donor: DonorID) throws(StoreError) -> [CardActivatedPayload] {
        try activationRecords(of: donor).map(\.activation)
    }

    /// The same, each with the id of its `card.activated` event (what a `card.revoked` names).
    public func activationRecords(of donor: DonorID) throws(StoreError) -> [CardActivationRecord] {
        try read { db in try activations(ofRow: try donorRow(donor, in: db), in: db) }
    }

    func activations(ofRow row: Int64, in db: Database) throws -> [CardActivationRecord] {
        let rows = try clusterRows(of: row, in: db)
        let root = try rootRow(of: row, in: db)
        let rootID = try String.fetchOne(db, sql: "SELECT uid FROM donors WHERE row = ?", arguments: [root])
        return try Row.fetchAll(db, sql: """
            SELECT * FROM card_activations WHERE donor IN (\(databaseQuestionMarks(count: rows.count))) AND revoked = 0
            ORDER BY date, row
            """, arguments: StatementArguments(rows)).map { r in
            guard let card = CardKind(rawValue: r["card"]), let date = LocalDate(iso: r["date"]) else {
                throw StoreError(.database, "a card activation record is malformed", field: "card_activations")
            }
            let activation = CardActivatedPayload(donor: rootID, card: card, date: date,
                                                  validThrough: (r["valid_through"] as String?).flatMap { LocalDate(iso: $0) },
                                                  tier: r["tier"], policy: r["policy"])
            return CardActivationRecord(eventID: r["event"], activation: activation)
        }
    }

    static func json<T: Encodable>(_ value: T) throws(StoreError) -> Data {
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return try encoder.encode(value)
        } catch {
            throw StoreError(.invalidInput, "a value cannot be encoded")
        }
    }
}

/// A card activation as the kiosk holds it: the `card.activated` event's id and its facts.
public struct CardActivationRecord: Sendable, Hashable {
    public var eventID: String
    public var activation: CardActivatedPayload
}
