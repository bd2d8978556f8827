import DonorCore
import Foundation
import KioskApp
import KioskStore
import Testing
import TerminalUI

/// The supervisor's settings screen: the house as kiosk.conf sets it, and the staff list.
@Suite struct SettingsTests {
    @Test func aSupervisorAddsANurseWhoCanThenSignIn() async throws {
        let services = Fixture.services()
        var driver = await Driver(services)
        await driver.signIn("3001", "333333")
        await driver.press(.function(7))
        #expect(driver.screenName == "settings")
        #expect(driver.screen().contains("未配置中心：仅离线工作"))
        #expect(driver.screen().contains("工作人员（3）"))
        await driver.press(.function(2))
        await driver.type("2002")
        await driver.press(.enter)
        await driver.type("周护士")
        await driver.press(.enter)
        await driver.type("975310")
        await driver.press(.enter)
        await driver.type("975310")
        await driver.press(.function(6))
        #expect(driver.screen().contains("角色：护士（F6 切换）"))
        #expect(!driver.screen().contains("975310"))
        await driver.press(.enter)
        #expect(driver.screen().contains("已添加 2002 周护士"))
        #expect(driver.screen().contains("工作人员（4）"))
        let session = try await services.signIn(number: "2002", pin: "975310")
        #expect(session.role == .nurse)
    }

    @Test func differentPINsAreRefusedAndCleared() async {
        let services = Fixture.services()
        var driver = await Driver(services)
        await driver.signIn("3001", "333333")
        await driver.press(.function(7), .function(2))
        for value in ["2003", "吴"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        await driver.type("111222")
        await driver.press(.enter)
        await driver.type("111223")
        await driver.press(.enter)
        #expect(driver.screen().contains("两次密码不一致"))
        #expect(await services.staffList().count == 3)
    }

    /// A PIN of one digit repeated or digits in a row is refused in plain words, nothing added.
    @Test func aGuessablePINIsRefusedInPlainWords() async {
        let services = Fixture.services()
        var driver = await Driver(services)
        await driver.signIn("3001", "333333")
        await driver.press(.function(7), .function(2))
        for value in ["1005", "新志愿", "123456", "123456"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        #expect(driver.screen().contains("密码太容易猜到"))
        #expect(await services.staffList().count == 3)
        #expect(!StaffPolicy.isGuessable("135790") && !StaffPolicy.isGuessable("112233") && !StaffPolicy.isGuessable("1234567890a"))
        #expect(StaffPolicy.isGuessable("0123456789") && StaffPolicy.isGuessable("555555") && StaffPolicy.isGuessable("543210"))
    }

    @Test func aTakenNumberIsRefusedInPlainWords() async {
        var driver = await Driver()
        await driver.signIn("3001", "333333")
        await driver.press(.function(7), .function(2))
        for value in ["1001", "又一个", "135792", "135792"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        #expect(driver.screen().contains("该工号已存在"))
        #expect(driver.screenName == "settings")
    }

    @Test func onlyASupervisorOpensSettings() async {
        var driver = await Driver()
        await driver.signIn("2001", "222222")
        await driver.press(.function(7))
        #expect(driver.screenName == "home")
        #expect(!driver.screen().contains("F7设置"))
    }

    @Test func theStoreUnlocksAnAccountLockedByWrongPINs() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-settings-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try KioskStore.open(directory: folder.path, keyFile: folder.appendingPathComponent("kiosk.key").path, deviceName: "test")
        try store.createStaff(number: "3001", name: "张站长", role: .supervisor, pin: "333333", author: "test")
        let services = StoreKioskServices(store: store, policy: Fixture.policy, signer: MarkingSigner(), today: { Fixture.today })
        try await services.addStaff(NewStaff(number: "1002", name: "钱", role: .volunteer, pin: "246813"), by: "3001")
        await #expect(throws: ServiceError.staffExists) {
            try await services.addStaff(NewStaff(number: "1002", name: "钱", role: .volunteer, pin: "246813"), by: "3001")
        }
        for guessable in ["000000", "234567", "9876543"] {
            await #expect(throws: ServiceError.pinGuessable) {
                try await services.addStaff(NewStaff(number: "1003", name: "孙", role: .volunteer, pin: guessable), by: "3001")
            }
        }
        await #expect(throws: ServiceError.pinTooShort) {
            try await services.addStaff(NewStaff(number: "1003", name: "孙", role: .volunteer, pin: "12"), by: "3001")
        }
        for _ in 0..<10 { _ = try? await services.signIn(number: "1002", pin: "000000") }
        #expect(try await services.staffList().first { $0.number == "1002" }?.locked == true)
        await #expect(throws: ServiceError.locked) { _ = try await services.signIn(number: "1002", pin: "246813") }
        try await services.unlockStaff(number: "1002", by: "3001")
        #expect(try await services.staffList().first { $0.number == "1002" }?.locked == false)
        #expect(try await services.signIn(number: "1002", pin: "246813").name == "钱")
        #expect(try store.audit(action: "staff.unlocked").first?.actor == "3001")
    }
}
