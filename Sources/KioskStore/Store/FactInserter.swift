import DonorCore
import Foundation
import GRDB

/// Inserts donation and deferral rows inside a write transaction, with cached statements.
struct FactInserter {
    let db: Database
    let cipher: FieldCipher

    /// Inserts a donation; `uid` defaults to the donation's own id (a new UUID when empty).
    func insertDonation(_ donation: Donation, donorRow: Int64, bagNumber: String? = nil,
                        origin: String = "registry") throws {
        let uid = donation.id.isEmpty ? UUID().uuidString.lowercased() : donation.id
        try db.cachedStatement(sql: """
            INSERT INTO donations (uid, donor, date, kind, volume_ml, doses, outcome, region, reaction, bag_number, voided, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                uid, donorRow, donation.date.iso, donation.kind.rawValue, donation.volumeML, donation.doses,
                donation.outcome.rawValue, donation.region, try ReactionCoding.encode(donation.reaction),
                bagNumber, donation.voided, origin,
            ])
    }

    /// Inserts a deferral; `uid` defaults to the deferral's id (a new UUID when empty).
    func insertDeferral(_ deferral: Deferral, donorRow: Int64, origin: String = "registry") throws {
        let uid = deferral.id.isEmpty ? UUID().uuidString.lowercased() : deferral.id
        try db.cachedStatement(sql: """
            INSERT INTO deferrals (uid, donor, rule, source, from_date, until_date, lifted, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                uid, donorRow, deferral.rule, deferral.source.rawValue, deferral.from.iso, deferral.until?.iso,
                deferral.lifted, origin,
            ])
    }
}

/// Adverse reactions are kept as compact JSON text in their column.
enum ReactionCoding {
    static func encode(_ reaction: AdverseReaction?) throws -> String? {
        guard let reaction else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(reaction), as: UTF8.self)
    }

    static func decode(_ text: String?) throws -> AdverseReaction? {
        guard let text else { return nil }
        return try JSONDecoder().decode(AdverseReaction.self, from: Data(text.utf8))
    }
}
