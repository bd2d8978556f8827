import Foundation
import DonorCore
import GRDB
import SyncWire

/// Two donor records that look like the same person, with why.
public struct DuplicateCandidate: Sendable, Hashable {
    /// Why the detector thinks so.
    public enum Reason: String, Sendable, Hashable {
        /// The same normalised document number.
        case sameIDNumber = "same_id_number"
        /// The same name, birth date and sex.
        case sameNameBirthDateSex = "same_name_birth_date_sex"
    }

    /// The record to keep (the older one).
    public var keep: DonorID
    /// The record to merge into `keep`.
    public var merge: DonorID
    public var reason: Reason

    public init(keep: DonorID, merge: DonorID, reason: Reason) {
        self.keep = keep
        self.merge = merge
        self.reason = reason
    }
}

extension KioskStore {
    /// Pairs of unmerged records that look like the same person, proposed for a supervisor to
    /// merge. Scans the table (≈ 1 s for a city); run it from the supervisor's screen, not at
    /// every check-in (use `duplicates(of:)` there).
    public func duplicateCandidates(limit: Int = 100) throws(StoreError) -> [DuplicateCandidate] {
        try read { db in
            var result: [DuplicateCandidate] = []
            for (key, reason) in [("id_blind", DuplicateCandidate.Reason.sameIDNumber),
                                  ("name, birth_date, sex", .sameNameBirthDateSex)] {
                let groups = try String.fetchAll(db, sql: """
                    SELECT group_concat(uid, ' ') FROM (SELECT uid, \(key) FROM donors WHERE merged_into IS NULL ORDER BY row)
                    GROUP BY \(key) HAVING count(*) > 1 LIMIT ?
                    """, arguments: [limit])
                for group in groups {
                    let ids = group.split(separator: " ").map { DonorID(String($0)) }
                    for other in ids.dropFirst() where !result.contains(where: { $0.keep == ids[0] && $0.merge == other }) {
                        result.append(DuplicateCandidate(keep: ids[0], merge: other, reason: reason))
                    }
                }
            }
            return Array(result.prefix(limit))
        }
    }

    /// Unmerged records that look like the same person as `donor` (indexed lookups, fast).
    public func duplicates(of donor: DonorID) throws(StoreError) -> [DuplicateCandidate] {
        try read { db in
            guard let me = try Row.fetchOne(db, sql: "SELECT row, id_blind, name, birth_date, sex FROM donors WHERE uid = ?",
                                            arguments: [donor.rawValue]) else {
                throw StoreError(.notFound, "no donor with this id", field: "donor")
            }
            let myRow: Int64 = me["row"]
            var result: [DuplicateCandidate] = []
            let byID = try Row.fetchAll(db, sql: """
                SELECT row, uid FROM donors WHERE id_blind = ? AND row <> ? AND merged_into IS NULL
                """, arguments: [me["id_blind"] as Data, myRow])
            let byName = try Row.fetchAll(db, sql: """
                SELECT row, uid FROM donors WHERE name = ? AND birth_date = ? AND sex = ? AND row <> ? AND merged_into IS NULL
                """, arguments: [me["name"] as String, me["birth_date"] as String, me["sex"] as String, myRow])
            for (rows, reason) in [(byID, DuplicateCandidate.Reason.sameIDNumber), (byName, .sameNameBirthDateSex)] {
                for r in rows where !result.contains(where: { $0.keep.rawValue == r["uid"] || $0.merge.rawValue == r["uid"] }) {
                    let other = DonorID(r["uid"])
                    let otherRow: Int64 = r["row"]
                    result.append(otherRow < myRow
                                  ? DuplicateCandidate(keep: other, merge: donor, reason: reason)
                                  : DuplicateCandidate(keep: donor, merge: other, reason: reason))
                }
            }
            return result
        }
    }

    /// Merges `source` into `target` (`donor.merged`): from now on both histories read as one
    /// under `target`. Returns the merge event's id, which `unmerge` takes.
    @discardableResult
    public func merge(_ source: DonorID, into target: DonorID, reason: String, author: String) throws(StoreError) -> EventID {
        try Self.requireReason(reason)
        return try write { db in
            let sourceRow = try donorRow(source, in: db), targetRow = try donorRow(target, in: db)
            guard try rootRow(of: targetRow, in: db) != sourceRow, sourceRow != targetRow else {
                throw StoreError(.conflict, "a donor cannot be merged into their own record", field: "target")
            }
            guard try Int64.fetchOne(db, sql: "SELECT merged_into FROM donors WHERE row = ?", arguments: [sourceRow]) == nil else {
                throw StoreError(.conflict, "this record is already merged; undo that merge first", field: "source")
            }
            try db.execute(sql: "UPDATE donors SET merged_into = ? WHERE row = ?", arguments: [targetRow, sourceRow])
            return try append(.donorMerged(DonorMergedPayload(source: source.rawValue, target: target.rawValue, reason: reason)),
                              author: author, in: db).id
        }
    }

    /// Undoes a merge (`donor.unmerged`): the two records read separately again.
    public func unmerge(_ mergeEvent: EventID, reason: String, author: String) throws(StoreError) {
        try Self.requireReason(reason)
        try write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM events WHERE id = ? AND kind = ?",
                                             arguments: [mergeEvent.rawValue, EventKind.donorMerged.rawValue]),
                  case .donorMerged(let merged) = try envelope(from: row).payload else {
                throw StoreError(.notFound, "no merge with this id", field: "merge")
            }
            let sourceRow = try donorRow(DonorID(merged.source), in: db), targetRow = try donorRow(DonorID(merged.target), in: db)
            guard try Int64.fetchOne(db, sql: "SELECT merged_into FROM donors WHERE row = ?", arguments: [sourceRow]) == targetRow else {
                throw StoreError(.conflict, "this merge was already undone", field: "merge")
            }
            try db.execute(sql: "UPDATE donors SET merged_into = NULL WHERE row = ?", arguments: [sourceRow])
            try append(.donorUnmerged(DonorUnmergedPayload(merge: mergeEvent.rawValue, source: merged.source, target: merged.target,
                                                          reason: reason)),
                       author: author, in: db)
        }
    }
}
