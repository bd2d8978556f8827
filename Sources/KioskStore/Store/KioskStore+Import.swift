import DonorCore
import Foundation
import GRDB

/// What a registry import added.
public struct ImportSummary: Sendable, Hashable {
    public var donors: Int
    public var donations: Int
    public var deferrals: Int

    public init(donors: Int, donations: Int, deferrals: Int) {
        self.donors = donors
        self.donations = donations
        self.deferrals = deferrals
    }
}

extension KioskStore {
    /// Imports donors from the city registry (the demo seed, `kiosk import donors`) in one
    /// transaction: either every donor, donation and deferral is stored, or — on any bad row —
    /// none is, and the error names the row's position (never its values).
    ///
    /// Registry rows are a copy of the central server's facts, so they are stored as
    /// `origin = 'registry'` rows without events or outbox entries (sending them back would
    /// echo the registry); one `registry.import` audit line records the import. Donors are not
    /// deduplicated against the store: run `duplicateCandidates()` after importing into a store
    /// that already held donors.
    @discardableResult
    public func importDonors(_ donors: [RegistryDonor], author: String) throws(StoreError) -> ImportSummary {
        try write { db in
            // A city's import inserts millions of random keys (uids, blind indexes) into
            // B-trees; with SQLite's default 2 MB page cache most inserts miss and pages spill to
            // the WAL mid-transaction. 256 MB for the import's duration keeps the indexes hot.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let insertDonor = try BulkStatement(db, sql: """
                INSERT INTO donors (uid, id_blind, id_number, document_type, name, sex, birth_date, phone_blind, phone, blood_type, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registry')
                """)
            let insertDonation = try BulkStatement(db, sql: """
                INSERT INTO donations (uid, donor, date, kind, volume_ml, doses, outcome, region, reaction, voided, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'registry')
                """)
            let insertDeferral = try BulkStatement(db, sql: """
                INSERT INTO deferrals (uid, donor, rule, source, from_date, until_date, lifted, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'registry')
                """)
            var summary = ImportSummary(donors: 0, donations: 0, deferrals: 0)
            for (index, donor) in donors.enumerated() {
                let context = "donor \(index + 1) of \(donors.count)"
                let number = DonorKeys.idNumber(donor.idNumber)
                let phone = donor.phone.map(DonorKeys.phone).flatMap { $0.isEmpty ? nil : $0 }
                insertDonor.bind(1, UUID().uuidString.lowercased())
                insertDonor.bind(2, cipher.blindIndex(number, domain: "id"))
                insertDonor.bind(3, try cipher.seal(number))
                insertDonor.bind(4, donor.documentType.rawValue)
                // Not trimmed-and-checked here: the schema's CHECK constraints are the one judge
                // of a bad row, so the import and a registration cannot disagree.
                insertDonor.bind(5, donor.name.trimmingCharacters(in: .whitespaces))
                insertDonor.bind(6, donor.sex.rawValue)
                insertDonor.bind(7, donor.birthDate.iso)
                insertDonor.bind(8, phone.map { cipher.blindIndex($0, domain: "phone") })
                insertDonor.bind(9, try phone.map { p throws(StoreError) in try cipher.seal(p) })
                insertDonor.bind(10, donor.bloodType?.description)
                try insertDonor.step(context: context)
                let row = db.lastInsertedRowID
                summary.donors += 1
                for donation in donor.history {
                    insertDonation.bind(1, donation.id.isEmpty ? UUID().uuidString.lowercased() : donation.id)
                    insertDonation.bind(2, row)
                    insertDonation.bind(3, donation.date.iso)
                    insertDonation.bind(4, donation.kind.rawValue)
                    insertDonation.bind(5, donation.volumeML.map(Int64.init))
                    insertDonation.bind(6, donation.doses.map(Int64.init))
                    insertDonation.bind(7, donation.outcome.rawValue)
                    insertDonation.bind(8, donation.region)
                    insertDonation.bind(9, try ReactionCoding.encode(donation.reaction))
                    insertDonation.bind(10, donation.voided ? 1 : 0)
                    try insertDonation.step(context: "\(context), donation \(summary.donations + 1)")
                    summary.donations += 1
                }
                for deferral in donor.deferrals {
                    insertDeferral.bind(1, deferral.id.isEmpty ? UUID().uuidString.lowercased() : deferral.id)
                    insertDeferral.bind(2, row)
                    insertDeferral.bind(3, deferral.rule)
                    insertDeferral.bind(4, deferral.source.rawValue)
                    insertDeferral.bind(5, deferral.from.iso)
                    insertDeferral.bind(6, deferral.until?.iso)
                    insertDeferral.bind(7, deferral.lifted ? 1 : 0)
                    try insertDeferral.step(context: "\(context), deferral")
                    summary.deferrals += 1
                }
            }
            try audit(actor: author, action: "registry.import", subject: nil,
                      detail: "\(summary.donors) donors, \(summary.donations) donations, \(summary.deferrals) deferrals", in: db)
            return summary
        }
    }
}
