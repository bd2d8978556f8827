import DonorCore
import Foundation
import GRDB
import SyncWire

extension KioskStore {
    /// Gives the donor a number in the day's queue (`queue.ticketed`), with one
    /// `eligibility.overridden` event per supervisor override, all in one transaction.
    ///
    /// Numbering: a self-service arrival (`procedure` nil) who already holds a ticket that day
    /// keeps it and nothing is written; a volunteer's check-in of a donor whose self-service
    /// ticket is still only `arrived` reissues that number with the procedure; anyone else gets
    /// the day's highest number plus one. Returns the ticket in force for the donor.
    @discardableResult
    public func issueTicket(for donor: DonorID, on date: LocalDate, procedure: Procedure?,
                            overrides: [EligibilityOverriddenPayload] = [], author: String) throws(StoreError) -> QueueTicketedPayload {
        for override in overrides {
            try Self.requireReason(override.reason)
            guard !override.rule.isEmpty, !override.supervisor.isEmpty else {
                throw StoreError(.invalidInput, "an override names its rule and supervisor", field: "override")
            }
        }
        return try write { db in
            _ = try donorRow(donor, in: db)
            let day = try queueTickets(on: date, in: db)
            let mine = day.filter { $0.donor == donor.rawValue }
            if procedure == nil, let held = mine.last { return held }
            let waitingNumbers = Set(day.filter { $0.stage == .waiting }.map(\.number))
            let arrived = mine.first { $0.stage == .arrived && !waitingNumbers.contains($0.number) }
            let number = procedure == nil ? nil : arrived?.number
            let ticket = QueueTicketedPayload(donor: donor.rawValue, date: date, number: number ?? (day.map(\.number).max() ?? 0) + 1,
                                              procedure: procedure, stage: procedure == nil ? .arrived : .waiting)
            for override in overrides {
                var payload = override
                payload.donor = donor.rawValue
                try append(.eligibilityOverridden(payload), author: author, in: db)
            }
            let event = try append(.queueTicketed(ticket), author: author, in: db)
            try db.execute(sql: """
                INSERT INTO queue_tickets (date, number, donor, procedure, stage, event) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [date.iso, ticket.number, donor.rawValue, procedure?.rawValue, ticket.stage.rawValue, event.id.rawValue])
            return ticket
        }
    }

    /// Every ticket issued on `date`, in the order they were issued (a reissued number appears
    /// twice: the later one is in force).
    public func queueTickets(on date: LocalDate) throws(StoreError) -> [QueueTicketedPayload] {
        try read { db in try queueTickets(on: date, in: db) }
    }

    func queueTickets(on date: LocalDate, in db: Database) throws -> [QueueTicketedPayload] {
        try Row.fetchAll(db, sql: "SELECT * FROM queue_tickets WHERE date = ? ORDER BY row", arguments: [date.iso]).map { r in
            let procedure = try (r["procedure"] as String?).map { text in
                guard let procedure = Procedure(rawValue: text) else {
                    throw StoreError(.database, "a queue ticket names an unknown procedure", field: "queue_tickets.procedure")
                }
                return procedure
            }
            guard let stage = QueueTicketStage(rawValue: r["stage"]) else {
                throw StoreError(.database, "a queue ticket has an unknown stage", field: "queue_tickets.stage")
            }
            return QueueTicketedPayload(donor: r["donor"], date: date, number: r["number"], procedure: procedure, stage: stage)
        }
    }
}

extension KioskStore {
    /// The facts of a donation as its `donation.recorded` event carries them (with the needle
    /// times, which the donations table does not keep); nil for a registry donation.
    public func recordedFacts(ofDonation id: String) throws(StoreError) -> DonationFacts? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE id = ? AND kind = ?",
                                             arguments: [id, EventKind.donationRecorded.rawValue]),
                  case .donationRecorded(let p) = try envelope(from: row).payload else { return nil }
            return p.facts
        }
    }
}
