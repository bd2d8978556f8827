import Foundation
import GRDB
@testable import KioskStore
import Testing

@Suite("Staff accounts and sign-in")
struct StaffTests {
    @Test(arguments: StoreKind.allCases)
    func rightPINSignsInAndIsAudited(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        try store.createStaff(number: "N007", name: "李护士", role: .nurse, pin: "246810", author: "S001")
        let account = try store.signIn(number: "N007", pin: "246810")
        #expect(account == StaffAccount(number: "N007", name: "李护士", role: .nurse, active: true, lockedUntil: nil))
        let audit = try store.audit(actor: "N007")
        #expect(audit.map(\.action) == ["signin"])
        #expect(audit.map(\.outcome) == [.ok])
        #expect(try store.audit(action: "staff.created").map(\.subject) == ["N007"])
    }

    @Test(arguments: StoreKind.allCases)
    func fiveWrongPINsLockForFiveMinutes(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        try store.createStaff(number: "V001", name: "张志愿", role: .volunteer, pin: "135790", author: "S001")
        for _ in 1...4 {
            let error = #expect(throws: StoreError.self) { try store.signIn(number: "V001", pin: "000000") }
            #expect(error?.code == .signInFailed)
        }
        #expect(try store.staff(number: "V001")?.lockedUntil == nil)
        let fifth = #expect(throws: StoreError.self) { try store.signIn(number: "V001", pin: "000000") }
        #expect(fifth?.code == .signInFailed)
        #expect(try store.staff(number: "V001")?.lockedUntil == fixture.clock.now + 5 * 60_000)
        // Locked: even the right PIN is refused.
        let locked = #expect(throws: StoreError.self) { try store.signIn(number: "V001", pin: "135790") }
        #expect(locked?.code == .locked)
        #expect(locked?.message.contains("5 minutes") == true)
        // Five minutes later the right PIN works again.
        fixture.clock.advance(5 * 60_000)
        #expect(try store.signIn(number: "V001", pin: "135790").number == "V001")
        let outcomes = try store.audit(actor: "V001").reversed().map(\.outcome)
        #expect(outcomes == [.denied, .denied, .denied, .denied, .denied, .denied, .ok])
        // No PIN, right or wrong, is ever in the audit trail.
        for entry in try store.audit(limit: 1000) {
            #expect(entry.detail?.contains("000000") != true)
            #expect(entry.detail?.contains("135790") != true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func supervisorCanUnlockAndChangePIN(kind: StoreKind) throws {
        let fixture = try Fixture(kind, staffPolicy: StaffPolicy(maxFailedAttempts: 1))
        let store = fixture.store
        try store.createStaff(number: "V002", name: "周", role: .volunteer, pin: "111111", author: "S001")
        _ = try? store.signIn(number: "V002", pin: "222222")
        #expect(try store.staff(number: "V002")?.lockedUntil != nil)
        try store.unlockStaff(number: "V002", author: "S001")
        try store.changePIN(number: "V002", newPIN: "333333", author: "S001")
        #expect(try store.signIn(number: "V002", pin: "333333").role == .volunteer)
        let unknown = #expect(throws: StoreError.self) { try store.signIn(number: "X999", pin: "333333") }
        #expect(unknown?.code == .signInFailed)
        let short = #expect(throws: StoreError.self) { try store.changePIN(number: "V002", newPIN: "12", author: "S001") }
        #expect(short?.field == "pin")
    }

    /// The PIN's scrypt cost is the house's policy (the default N = 2¹⁴, r = 8, p = 1: 16 MiB and
    /// tens of milliseconds per guess), kept with each hash so a later policy still checks old
    /// PINs. Its time is a benchmark figure, not asserted here (a loaded machine would fail it).
    @Test func thePINIsHashedWithThePolicysScryptCostAndStillChecksAfterAChange() throws {
        #expect(StaffPolicy().scryptN == 1 << 14 && StaffPolicy().scryptR == 8 && StaffPolicy().scryptP == 1)
        let cheap = StaffPolicy(scryptN: 1 << 10, scryptR: 8, scryptP: 1)
        let fixture = try Fixture(.onDisk, staffPolicy: cheap)
        try fixture.store.createStaff(number: "T1", name: "t", role: .nurse, pin: "123456", author: "S")
        let stored = try fixture.store.read { db in
            try Row.fetchOne(db, sql: "SELECT scrypt_n, scrypt_r, scrypt_p, length(pin_hash) AS bytes FROM staff WHERE number = 'T1'")
        }
        let row = try #require(stored)
        let cost: [Int] = [row["scrypt_n"], row["scrypt_r"], row["scrypt_p"]]
        #expect(cost == [1024, 8, 1])
        let bytes: Int = row["bytes"]
        #expect(bytes >= 32)
        // Reopened under the default policy, the old hash still checks with its own cost.
        let reopened = try fixture.reopen()
        #expect(try reopened.signIn(number: "T1", pin: "123456").role == .nurse)
        #expect(throws: StoreError.self) { try reopened.signIn(number: "T1", pin: "654321") }
    }
}
