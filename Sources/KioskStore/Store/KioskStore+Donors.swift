import DonorCore
import Foundation
import GRDB
import SyncWire

extension KioskStore {
    static let donorColumns = """
        SELECT d.*, m.uid AS merged_uid FROM donors d LEFT JOIN donors m ON m.row = d.merged_into
        """

    /// Registers a donor new to this kiosk (a `donor.registered` event) and returns their id.
    ///
    /// Refuses a donor whose document number is already registered (`duplicateDonor`): look
    /// them up instead. History and deferrals carried by `donor` (from another registry) are
    /// stored as registry facts.
    @discardableResult
    public func registerDonor(_ donor: RegistryDonor, author: String) throws(StoreError) -> DonorID {
        let id = DonorID.make()
        let registered = try validated(donor, id: id)
        let row = try donorRow(registered)
        return try write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM donors WHERE id_blind = ?)", arguments: [row.idBlind]) == true {
                throw StoreError(.duplicateDonor, "a donor with this document number is already registered", field: "id_number")
            }
            let rowID = try insertDonorRow(row, origin: "kiosk", in: db)
            let inserter = FactInserter(db: db, cipher: cipher)
            for donation in donor.history { try inserter.insertDonation(donation, donorRow: rowID) }
            for deferral in donor.deferrals { try inserter.insertDeferral(deferral, donorRow: rowID) }
            try append(.donorRegistered(registered), author: author, in: db)
            return id
        }
    }

    /// Checks and normalises a donor before it is stored; errors name the field.
    func validated(_ donor: RegistryDonor, id: DonorID = .make()) throws(StoreError) -> DonorRegisteredPayload {
        let number = DonorKeys.idNumber(donor.idNumber)
        guard !number.isEmpty else { throw StoreError(.invalidInput, "the document number is missing", field: "id_number") }
        let name = donor.name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw StoreError(.invalidInput, "the name is missing", field: "name") }
        let phone = donor.phone.map(DonorKeys.phone).flatMap { $0.isEmpty ? nil : $0 }
        return DonorRegisteredPayload(donor: id.rawValue, idNumber: number, documentType: donor.documentType, name: name,
                                      sex: donor.sex, birthDate: donor.birthDate, phone: phone,
                                      bloodType: donor.bloodType?.description)
    }

    /// A registration's `donors` row with its numbers sealed and blind-indexed: all of it that
    /// needs no database, so a pulled page can have it made on another core than the writer.
    func donorRow(_ donor: DonorRegisteredPayload) throws(StoreError) -> DonorRow {
        DonorRow(payload: donor, idBlind: cipher.blindIndex(donor.idNumber, domain: "id"), idSealed: try cipher.seal(donor.idNumber),
                 phoneBlind: donor.phone.map { cipher.blindIndex($0, domain: "phone") },
                 phoneSealed: try donor.phone.map { p throws(StoreError) in try cipher.seal(p) })
    }

    /// Inserts a `donors` row for a registration (its `donor` must be set).
    func insertDonorRow(_ row: DonorRow, origin: String, in db: Database) throws -> Int64 {
        let donor = row.payload
        try db.cachedStatement(sql: """
            INSERT INTO donors (uid, id_blind, id_number, document_type, name, sex, birth_date, phone_blind, phone, blood_type, origin)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                donor.donor ?? "", row.idBlind, row.idSealed, donor.documentType.rawValue, donor.name, donor.sex.rawValue,
                donor.birthDate.iso, row.phoneBlind, row.phoneSealed, donor.bloodType, origin,
            ])
        return db.lastInsertedRowID
    }

    /// The donor with this document number (as typed or scanned; normalised here), or nil.
    /// A merged donor is returned as the record they were merged into.
    public func donor(idNumber: String) throws(StoreError) -> StoredDonor? {
        let blind = cipher.blindIndex(DonorKeys.idNumber(idNumber), domain: "id")
        return try read { db in
            guard let row = try Int64.fetchOne(db, sql: "SELECT row FROM donors WHERE id_blind = ? ORDER BY row LIMIT 1",
                                               arguments: [blind]) else { return nil }
            return try storedDonor(row: try rootRow(of: row, in: db), in: db)
        }
    }

    /// The donor with this id, or nil. A merged donor's own record is returned (see `mergedInto`).
    public func donor(id: DonorID) throws(StoreError) -> StoredDonor? {
        try read { db in try storedDonor(id: id, in: db) }
    }

    /// Donors with this phone number (families share phones), merged records left out.
    public func donors(phone: String) throws(StoreError) -> [StoredDonor] {
        let blind = cipher.blindIndex(DonorKeys.phone(phone), domain: "phone")
        return try read { db in
            try Row.fetchAll(db, sql: Self.donorColumns + " WHERE d.phone_blind = ? AND d.merged_into IS NULL ORDER BY d.row",
                             arguments: [blind]).map(storedDonor(from:))
        }
    }

    /// Donors whose name starts with `namePrefix` (exact characters, as typed), optionally born
    /// in `birthYear`, by name then birth date; merged records left out.
    public func search(namePrefix: String, birthYear: Int? = nil, limit: Int = 20) throws(StoreError) -> [StoredDonor] {
        let prefix = namePrefix.trimmingCharacters(in: .whitespaces)
        guard !prefix.isEmpty else { return [] }
        // A range on the (name, birth_date) index instead of LIKE, which is case-folding and
        // cannot use the index: every name starting with the prefix sorts in [prefix, prefix+U+10FFFF).
        var sql = Self.donorColumns + " WHERE d.name >= ? AND d.name < ? AND d.merged_into IS NULL"
        var arguments: StatementArguments = [prefix, prefix + "\u{10FFFF}"]
        if let birthYear {
            sql += " AND d.birth_date BETWEEN ? AND ?"
            arguments += [String(format: "%04d-01-01", birthYear), String(format: "%04d-12-31", birthYear)]
        }
        sql += " ORDER BY d.name, d.birth_date LIMIT ?"
        arguments += [limit]
        let query = sql, args = arguments
        return try read { db in try Row.fetchAll(db, sql: query, arguments: args).map(storedDonor(from:)) }
    }

    /// How many donor records, donations, deferrals and events the store holds.
    public func counts() throws(StoreError) -> StoreCounts {
        try read { db in
            StoreCounts(
                donors: try Int.fetchOne(db, sql: "SELECT count(*) FROM donors") ?? 0,
                donations: try Int.fetchOne(db, sql: "SELECT count(*) FROM donations") ?? 0,
                deferrals: try Int.fetchOne(db, sql: "SELECT count(*) FROM deferrals") ?? 0,
                events: try Int.fetchOne(db, sql: "SELECT count(*) FROM events") ?? 0,
                pendingOutbox: try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE state = 'pending'") ?? 0)
        }
    }

    // MARK: Rows

    func storedDonor(id: DonorID, in db: Database) throws -> StoredDonor? {
        try Row.fetchOne(db, sql: Self.donorColumns + " WHERE d.uid = ?", arguments: [id.rawValue]).map(storedDonor(from:))
    }

    func storedDonor(row: Int64, in db: Database) throws -> StoredDonor? {
        try Row.fetchOne(db, sql: Self.donorColumns + " WHERE d.row = ?", arguments: [row]).map(storedDonor(from:))
    }

    func storedDonor(from row: Row) throws -> StoredDonor {
        guard let type = IdentityDocumentType(rawValue: row["document_type"]), let sex = Sex(rawValue: row["sex"]),
              let birth = LocalDate(iso: row["birth_date"]) else {
            throw StoreError(.database, "a donor record is malformed", field: "donors")
        }
        let phone: Data? = row["phone"]
        return StoredDonor(
            id: DonorID(row["uid"]), idNumber: try cipher.openString(row["id_number"], field: "id_number"),
            documentType: type, name: row["name"], sex: sex, birthDate: birth,
            phone: try phone.map { p throws(StoreError) in try cipher.openString(p, field: "phone") },
            bloodType: (row["blood_type"] as String?).flatMap(BloodType.init),
            mergedInto: (row["merged_uid"] as String?).map(DonorID.init), fromRegistry: row["origin"] == "registry")
    }

    /// The internal row of a donor id, or `notFound`.
    func donorRow(_ id: DonorID, in db: Database) throws -> Int64 {
        guard let row = try Int64.fetchOne(db.cachedStatement(sql: "SELECT row FROM donors WHERE uid = ?"), arguments: [id.rawValue]) else {
            throw StoreError(.notFound, "no donor with this id", field: "donor")
        }
        return row
    }

    /// Follows `merged_into` to the record a donor was (transitively) merged into.
    func rootRow(of row: Int64, in db: Database) throws -> Int64 {
        var current = row
        // Merges form a forest; the bound only guards against a damaged file with a cycle.
        for _ in 0..<64 {
            guard let parent = try Int64.fetchOne(db.cachedStatement(sql: "SELECT merged_into FROM donors WHERE row = ?"),
                                                  arguments: [current]) else { return current }
            current = parent
        }
        throw StoreError(.corrupt, "the donors' merge links form a cycle", field: "donors.merged_into")
    }

    /// Every donor row whose history reads as `row`'s: its merge root and all merged into it.
    func clusterRows(of row: Int64, in db: Database) throws -> [Int64] {
        let root = try rootRow(of: row, in: db)
        return try Int64.fetchAll(db.cachedStatement(sql: """
            WITH RECURSIVE cluster(row) AS (
                SELECT ? UNION SELECT d.row FROM donors d JOIN cluster c ON d.merged_into = c.row
            ) SELECT row FROM cluster
            """), arguments: [root])
    }
}

/// How much the store holds.
public struct StoreCounts: Sendable, Hashable {
    public var donors: Int
    public var donations: Int
    public var deferrals: Int
    public var events: Int
    public var pendingOutbox: Int

    public init(donors: Int, donations: Int, deferrals: Int, events: Int, pendingOutbox: Int) {
        self.donors = donors
        self.donations = donations
        self.deferrals = deferrals
        self.events = events
        self.pendingOutbox = pendingOutbox
    }
}

/// A registration ready for its `donors` row (`KioskStore.donorRow`): the payload, normalised,
/// with its document and phone numbers sealed and blind-indexed.
struct DonorRow: Sendable {
    let payload: DonorRegisteredPayload
    let idBlind: Data
    let idSealed: Data
    let phoneBlind: Data?
    let phoneSealed: Data?
}
