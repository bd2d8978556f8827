import DonorCore
import KioskApp
import Testing
import TerminalUI

/// When a pull changes a donor the volunteer is dealing with, the screen says so.
@Suite struct SyncNoticeTests {
    static func changed(_ ids: Set<String>) -> KioskMessage {
        .syncPolled(SyncStatus(online: true, pendingEvents: 0, lastSync: "11-26 09:30", changedDonors: ids))
    }

    @Test func aDonorOnTheCheckInCardChangedByTheCentreIsFlagged() async throws {
        let services = Fixture.services()
        var driver = await Driver(services)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        let record = try #require(await services.donor(idNumber: Fixture.regularID))
        await driver.send(Self.changed([record.id]))
        #expect(driver.screen().contains("血液中心刚更新了\(record.donor.name)的记录"))
    }

    @Test func aQueuedDonorChangedByTheCentreIsNamedWithTheirTicket() async throws {
        let services = Fixture.services()
        var driver = await Driver(services)
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter)  // queued
        await driver.press(.escape)
        let record = try #require(await services.donor(idNumber: Fixture.newDonorID))
        #expect(driver.screenName == "home")
        await driver.send(Self.changed([record.id]))
        #expect(driver.screen().contains("血液中心更新了排队中的记录：A-001 陈新"))
    }

    @Test func aChangeToSomeoneElseSaysNothing() async {
        var driver = await Driver()
        await driver.signIn("1001", "111111")
        await driver.send(Self.changed(["someone-else"]))
        #expect(!driver.screen().contains("血液中心"))
        #expect(driver.state.toast == nil)
    }
}
