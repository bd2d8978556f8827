import DonorCore
import KioskApp
import KioskTestSupport
import Testing
import TerminalUI

/// Every self-service step in Chinese and English at 80×24 and 160×50, compared with
/// `Snapshots/selfservice-<step>-<language>-<size>.txt`. RECORD_SNAPSHOTS=1 re-records them.
@Suite struct SelfServiceSnapshotTests {
    static let languages = ["zh-Hans", "en"]

    func check(_ driver: Driver, _ name: String, language: String) {
        let tag = language == "en" ? "en" : "zh"
        assertSnapshot(driver.render(width: 80, height: 24), named: "selfservice-\(name)-\(tag)-80x24")
        assertSnapshot(driver.render(width: 160, height: 50), named: "selfservice-\(name)-\(tag)-160x50")
    }

    @Test(arguments: languages) func attractAndVerification(language: String) async {
        var (driver, _) = await SelfServiceTests.kiosk(language: language)
        check(driver, "attract", language: language)
        await driver.scan(Fixture.regularID)
        check(driver, "factor", language: language)
        await driver.type("0000")
        await driver.press(.enter)
        check(driver, "mismatch", language: language)
        await driver.press(.escape)
        await driver.press(.ctrl("s"))
        check(driver, "staff", language: language)
    }

    @Test(arguments: languages) func donorPage(language: String) async {
        var (driver, _) = await SelfServiceTests.kiosk(language: language)
        await SelfServiceTests.openPage(&driver)
        check(driver, "page", language: language)
        await driver.press(.right)
        check(driver, "benefits", language: language)
        await driver.press(.right)
        check(driver, "history", language: language)
    }

    @Test(arguments: languages) func questionnaireAndTicket(language: String) async {
        var (driver, _) = await SelfServiceTests.kiosk(language: language)
        await SelfServiceTests.openPage(&driver)
        await driver.press(.enter)
        check(driver, "question", language: language)
        for _ in Fixture.policy.questionnaire.questions { await driver.press(.character("0")) }
        check(driver, "ticket", language: language)
    }

    @Test(arguments: languages) func deferred(language: String) async {
        var (driver, _) = await SelfServiceTests.kiosk(language: language)
        await SelfServiceTests.openPage(&driver)
        await driver.press(.enter)
        for question in Fixture.policy.questionnaire.questions { await driver.press(.character(question.id == "cold" ? "1" : "0")) }
        check(driver, "deferred", language: language)
    }
}
