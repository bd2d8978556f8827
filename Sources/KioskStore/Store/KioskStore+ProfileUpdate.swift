import DonorCore
import Foundation
import GRDB
import SyncWire

// `donor.updated` from the centre: last writer wins per field, by HLC. Two houses may edit the
// same donor offline; each field keeps the value with the later time, whatever order the
// edits arrive in, and the losing value goes to the audit trail so nothing typed is lost.

extension KioskStore {
    /// The profile fields a `donor.updated` may change, by their column names.
    private enum ProfileField: String, CaseIterable {
        case name, phone
        case bloodType = "blood_type"
    }

    func projectProfileUpdate(_ p: DonorUpdatedPayload, event: EventEnvelope, in db: Database) throws -> Set<DonorID> {
        guard let donor = p.donor, let row = try existingRow(donor, in: db) else { return [] }
        if let name = p.name, name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw StoreError(.invalidInput, "a pulled profile update has an empty name", field: "name")
        }
        if let blood = p.bloodType, BloodType(blood) == nil {
            throw StoreError(.invalidInput, "a pulled profile update has an unknown blood type", field: "blood_type")
        }
        let proposed: [ProfileField: String?] = [
            .name: p.name?.trimmingCharacters(in: .whitespacesAndNewlines), .phone: p.phone.map(DonorKeys.phone),
            .bloodType: p.bloodType,
        ]
        let incoming = proposed.compactMapValues { $0 }
        let time = event.hlc.description
        var changed = false
        for field in ProfileField.allCases {
            guard let value = incoming[field] else { continue }
            let current = try currentValue(field, row: row, in: db)
            let currentTime = try fieldTime(field, row: row, donor: donor, in: db)
            if time > currentTime {
                if current != value {
                    try setField(field, value, row: row, in: db)
                    try auditLoser(field, value: current, loserTime: currentTime, winnerTime: time, event: event, donor: donor, in: db)
                    changed = true
                }
                try db.execute(sql: """
                    INSERT INTO donor_fields (donor, field, hlc) VALUES (?, ?, ?)
                    ON CONFLICT(donor, field) DO UPDATE SET hlc = excluded.hlc
                    """, arguments: [row, field.rawValue, time])
            } else if current != value {
                try auditLoser(field, value: value, loserTime: time, winnerTime: currentTime, event: event, donor: donor, in: db)
            }
        }
        return changed ? [DonorID(donor)] : []
    }

    /// The time of the field's last write: its last winning update, else the registration's
    /// (empty for a registry record, which any update beats).
    private func fieldTime(_ field: ProfileField, row: Int64, donor: String, in db: Database) throws -> String {
        if let time = try String.fetchOne(db, sql: "SELECT hlc FROM donor_fields WHERE donor = ? AND field = ?",
                                          arguments: [row, field.rawValue]) {
            return time
        }
        return try String.fetchOne(db, sql: "SELECT hlc FROM events WHERE donor = ? AND kind = ? ORDER BY hlc LIMIT 1",
                                   arguments: [donor, EventKind.donorRegistered.rawValue]) ?? ""
    }

    private func currentValue(_ field: ProfileField, row: Int64, in db: Database) throws -> String? {
        switch field {
        case .name: return try String.fetchOne(db, sql: "SELECT name FROM donors WHERE row = ?", arguments: [row])
        case .bloodType: return try String.fetchOne(db, sql: "SELECT blood_type FROM donors WHERE row = ?", arguments: [row])
        case .phone:
            guard let sealed = try Data.fetchOne(db, sql: "SELECT phone FROM donors WHERE row = ?", arguments: [row]) else { return nil }
            return try cipher.openString(sealed, field: "phone")
        }
    }

    private func setField(_ field: ProfileField, _ value: String, row: Int64, in db: Database) throws {
        switch field {
        case .name: try db.execute(sql: "UPDATE donors SET name = ? WHERE row = ?", arguments: [value, row])
        case .bloodType: try db.execute(sql: "UPDATE donors SET blood_type = ? WHERE row = ?", arguments: [value, row])
        case .phone:
            try db.execute(sql: "UPDATE donors SET phone = ?, phone_blind = ? WHERE row = ?",
                           arguments: [try cipher.seal(value), cipher.blindIndex(value, domain: "phone"), row])
        }
    }

    /// One audit line per losing value: the field, both times, and the value. A phone number
    /// never goes into the audit trail in clear (DOMAIN.md §2): it is written sealed.
    private func auditLoser(_ field: ProfileField, value: String?, loserTime: String, winnerTime: String,
                            event: EventEnvelope, donor: String, in db: Database) throws {
        let shown: String
        if let value, field == .phone {
            shown = "sealed:" + (try cipher.seal(value)).base64EncodedString()
        } else {
            shown = value ?? ""
        }
        try audit(actor: event.author, action: "donor.updated.lost", subject: donor,
                  detail: "field=\(field.rawValue) lost=\(shown) lost_hlc=\(loserTime) kept_hlc=\(winnerTime) event=\(event.id)", in: db)
    }
}
