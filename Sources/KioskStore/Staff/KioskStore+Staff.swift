import Foundation
import GRDB

/// A staff account as the screens see it (never the PIN or its hash).
public struct StaffAccount: Sendable, Hashable {
    /// What a staff member may do.
    public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
        case volunteer, nurse, supervisor
    }

    /// The staff number they sign in with.
    public var number: String
    public var name: String
    public var role: Role
    public var active: Bool
    /// Locked until this wall-clock time (ms since 1970), if locked now.
    public var lockedUntil: Int64?

    public init(number: String, name: String, role: Role, active: Bool, lockedUntil: Int64?) {
        self.number = number
        self.name = name
        self.role = role
        self.active = active
        self.lockedUntil = lockedUntil
    }
}

extension KioskStore {
    /// Creates a staff account (audited; the PIN is stored only as a scrypt hash).
    public func createStaff(number: String, name: String, role: StaffAccount.Role, pin: String, author: String) throws(StoreError) {
        guard !number.isEmpty else { throw StoreError(.invalidInput, "the staff number is missing", field: "number") }
        try checkPIN(pin)
        let hashed = try PINHasher.hash(pin, policy: staffPolicy)
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM staff WHERE number = ?)", arguments: [number]) == true {
                throw StoreError(.conflict, "a staff account with this number exists", field: "number")
            }
            try db.execute(sql: """
                INSERT INTO staff (number, name, role, pin_hash, pin_salt, scrypt_n, scrypt_r, scrypt_p)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, name, role.rawValue, hashed.hash, hashed.salt, hashed.n, hashed.r, hashed.p])
            try audit(actor: author, action: "staff.created", subject: number, detail: role.rawValue, in: db)
        }
    }

    /// Checks a staff number and PIN. Every attempt is audited (never the PIN). After
    /// `staffPolicy.maxFailedAttempts` wrong PINs in a row the account is locked for
    /// `staffPolicy.lockoutMilliseconds`; a locked account is refused even with the right PIN.
    public func signIn(number: String, pin: String) throws(StoreError) -> StaffAccount {
        let now = clock.now()
        // Read the hash first and run scrypt outside the write lock: it is deliberately slow.
        let stored: (PINHasher.Hashed, Int64)? = try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE number = ? AND active = 1", arguments: [number]).map {
                (PINHasher.Hashed(hash: $0["pin_hash"], salt: $0["pin_salt"], n: $0["scrypt_n"], r: $0["scrypt_r"], p: $0["scrypt_p"]),
                 $0["locked_until_ms"])
            }
        }
        guard let (hashed, lockedUntil) = stored else {
            try write { db in try audit(actor: number, action: "signin", subject: number, outcome: .denied, detail: "unknown account", in: db) }
            throw StoreError(.signInFailed, "wrong staff number or PIN", field: "pin")
        }
        if lockedUntil > now {
            try write { db in try audit(actor: number, action: "signin", subject: number, outcome: .denied, detail: "locked", in: db) }
            throw StoreError(.locked, "this account is locked after too many wrong PINs; try again in \(Self.minutes(lockedUntil - now)) minutes or ask a supervisor",
                             field: "number")
        }
        let matches = try PINHasher.verify(pin, against: hashed)
        let signedIn: StaffAccount? = try write { db in
            if matches {
                try db.execute(sql: "UPDATE staff SET failed_attempts = 0, locked_until_ms = 0 WHERE number = ?", arguments: [number])
                try audit(actor: number, action: "signin", subject: number, in: db)
                guard let account = try account(number, in: db) else { throw StoreError(.notFound, "no such staff account", field: "number") }
                return account
            }
            let failures = (try Int.fetchOne(db, sql: "SELECT failed_attempts FROM staff WHERE number = ?", arguments: [number]) ?? 0) + 1
            let lock = failures >= staffPolicy.maxFailedAttempts
            try db.execute(sql: "UPDATE staff SET failed_attempts = ?, locked_until_ms = ? WHERE number = ?",
                           arguments: [lock ? 0 : failures, lock ? now + staffPolicy.lockoutMilliseconds : 0, number])
            try audit(actor: number, action: "signin", subject: number, outcome: .denied,
                      detail: lock ? "wrong PIN; account locked" : "wrong PIN (\(failures))", in: db)
            return nil
        }
        guard let signedIn else { throw StoreError(.signInFailed, "wrong staff number or PIN", field: "pin") }
        return signedIn
    }

    /// Changes a staff member's PIN (audited).
    public func changePIN(number: String, newPIN: String, author: String) throws(StoreError) {
        try checkPIN(newPIN)
        let hashed = try PINHasher.hash(newPIN, policy: staffPolicy)
        try write { db in
            try db.execute(sql: """
                UPDATE staff SET pin_hash = ?, pin_salt = ?, scrypt_n = ?, scrypt_r = ?, scrypt_p = ?, failed_attempts = 0,
                locked_until_ms = 0 WHERE number = ?
                """, arguments: [hashed.hash, hashed.salt, hashed.n, hashed.r, hashed.p, number])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no such staff account", field: "number") }
            try audit(actor: author, action: "staff.pin_changed", subject: number, in: db)
        }
    }

    /// Unlocks a locked account before its lock-out ends (a supervisor's action, audited).
    public func unlockStaff(number: String, author: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE staff SET failed_attempts = 0, locked_until_ms = 0 WHERE number = ?", arguments: [number])
            guard db.changesCount == 1 else { throw StoreError(.notFound, "no such staff account", field: "number") }
            try audit(actor: author, action: "staff.unlocked", subject: number, in: db)
        }
    }

    /// The account with this staff number, or nil.
    public func staff(number: String) throws(StoreError) -> StaffAccount? {
        try read { db in try account(number, in: db) }
    }

    /// Every staff account, by number.
    public func allStaff() throws(StoreError) -> [StaffAccount] {
        try read { db in try String.fetchAll(db, sql: "SELECT number FROM staff ORDER BY number").compactMap { try account($0, in: db) } }
    }

    private func account(_ number: String, in db: Database) throws -> StaffAccount? {
        try Row.fetchOne(db, sql: "SELECT number, name, role, active, locked_until_ms FROM staff WHERE number = ?", arguments: [number]).map {
            let locked: Int64 = $0["locked_until_ms"]
            return StaffAccount(number: $0["number"], name: $0["name"], role: StaffAccount.Role(rawValue: $0["role"]) ?? .volunteer,
                                active: $0["active"], lockedUntil: locked > clock.now() ? locked : nil)
        }
    }

    private func checkPIN(_ pin: String) throws(StoreError) {
        guard pin.count >= staffPolicy.minimumPINLength, pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw StoreError(.invalidInput, "the PIN must be at least \(staffPolicy.minimumPINLength) digits", field: "pin")
        }
    }

    private static func minutes(_ ms: Int64) -> Int64 { max(1, (ms + 59_999) / 60_000) }
}
