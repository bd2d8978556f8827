import DonorCore
import KioskApp
import KioskTestSupport
import Testing
import TerminalUI

/// Every screen drawn at 80×24 in Chinese and English (and the busiest at 160×50), compared
/// with `Snapshots/<screen>-<language>-<size>.txt`. RECORD_SNAPSHOTS=1 re-records them.
@Suite struct ScreenSnapshotTests {
    static let languages = ["zh-Hans", "en"]

    /// Checks the screen at 80×24 and, when asked, 160×50.
    func check(_ driver: Driver, _ name: String, language: String, large: Bool = false) {
        let tag = language == "en" ? "en" : "zh"
        assertSnapshot(driver.render(width: 80, height: 24), named: "\(name)-\(tag)-80x24")
        if large { assertSnapshot(driver.render(width: 160, height: 50), named: "\(name)-\(tag)-160x50") }
    }

    @Test(arguments: languages) func signIn(language: String) async {
        var driver = await Driver(language: language)
        check(driver, "signin", language: language, large: true)
        await driver.signIn("2001", "000000")
        check(driver, "signin-refused", language: language)
    }

    @Test(arguments: languages) func homeWithQueue(language: String) async {
        var driver = await Driver(language: language)
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter, .enter)
        check(driver, "home", language: language, large: true)
    }

    /// The empty queue's hint wraps in the narrow column instead of being cut off.
    @Test(arguments: languages) func homeWithEmptyQueue(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        check(driver, "home-empty", language: language)
    }

    @Test(arguments: languages) func checkInAsTyped(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.type(String(Fixture.newDonorID.dropLast()) + "0")
        check(driver, "checkin-typed", language: language)
    }

    @Test(arguments: languages) func returningDonorCard(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.recentID)
        check(driver, "donor-card", language: language, large: true)
    }

    @Test(arguments: languages) func permanentDeferralForAVolunteer(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.deferredID)
        check(driver, "donor-card-deferred", language: language)
    }

    @Test(arguments: languages) func registration(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.newDonorID)
        await driver.type("陈新")
        await driver.press(.enter)
        await driver.type("1351234")
        check(driver, "register", language: language)
    }

    @Test(arguments: languages) func duplicatesOffered(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.newDonorID)
        await driver.type("陈新")
        await driver.press(.enter)
        await driver.type("13800001111")
        await driver.press(.enter, .enter)
        check(driver, "register-duplicates", language: language)
    }

    @Test(arguments: languages) func questionnaire(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        await driver.press(.down)
        await driver.send(.input(.key(.character("y"))))
        check(driver, "questionnaire", language: language, large: true)
    }

    @Test(arguments: languages) func vitals(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        await driver.passQuestionnaire()
        await driver.press(.function(6))
        await driver.type("70")
        await driver.press(.enter)
        await driver.type("125")
        check(driver, "vitals-platelets", language: language)
    }

    @Test(arguments: languages) func decisions(language: String) async {
        var driver = await Driver(language: language)
        await FlowTests.walkToDecision(&driver)
        check(driver, "decision-eligible", language: language)
        await driver.press(.enter)
        check(driver, "decision-queued", language: language)

        var low = await Driver(language: language)
        await FlowTests.walkToDecision(&low, hb: "110")
        check(low, "decision-haemoglobin", language: language, large: true)
    }

    @Test(arguments: languages) func overrideForm(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("3001", "333333")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        await driver.passQuestionnaire()
        for value in ["70", "125", "82", "55", "36.4", "150"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        await driver.press(.function(7))
        await driver.type("运动员")
        check(driver, "override", language: language)
    }

    @Test(arguments: languages) func collectionAndCertificate(language: String) async {
        var driver = await Driver(language: language)
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter, .right, .right)
        await driver.press(.function(7), .function(8))
        await driver.type(Fixture.bag(1))
        check(driver, "collection", language: language, large: true)
        await driver.press(.enter)
        check(driver, "certificate", language: language)
        await driver.press(.enter)
        check(driver, "certificate-confirm", language: language)
        await driver.press(.enter)
        check(driver, "certificate-activated", language: language, large: true)
    }

    @Test(arguments: languages) func correctionPanel(language: String) async {
        var driver = await Driver(language: language)
        await FlowTests.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter)
        await driver.type(Fixture.bag(2))
        await driver.press(.enter, .function(8), .right, .function(6))
        await driver.type("称重")
        check(driver, "certificate-correction", language: language, large: true)
    }

    @Test(arguments: languages) func settingsAndAddStaff(language: String) async {
        var driver = await Driver(language: language)
        await driver.signIn("3001", "333333")
        await driver.press(.function(7))
        check(driver, "settings", language: language, large: true)
        await driver.press(.function(2))
        await driver.type("2002")
        await driver.press(.enter)
        await driver.type("周护士")
        await driver.press(.enter)
        await driver.type("975310")
        check(driver, "settings-add-staff", language: language)
    }

    @Test(arguments: languages) func dayFigures(language: String) async {
        var driver = await Driver(language: language)
        await FlowTests.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(2))
        await driver.press(.enter, .enter, .enter, .function(5))
        check(driver, "day", language: language, large: true)
    }
}

/// The supervisor's sync problems (a list and the empty state) and the registry-download line.
@Suite struct SyncSnapshotTests {
    func check(_ driver: Driver, _ name: String, language: String) {
        assertSnapshot(driver.render(width: 80, height: 24), named: "\(name)-\(language == "en" ? "en" : "zh")-80x24")
    }

    @Test(arguments: ScreenSnapshotTests.languages) func syncProblems(language: String) async {
        check(await SyncProblemsTests.supervisorOnProblems(SyncProblemsTests.problems, language: language), "sync-problems", language: language)
        check(await SyncProblemsTests.supervisorOnProblems([], language: language), "sync-problems-empty", language: language)
    }

    @Test(arguments: ScreenSnapshotTests.languages) func homeWhileTheRegistryDownloads(language: String) async {
        let services = Fixture.services()
        await services.setBootstrap(BootstrapProgress(applied: 63_000, fraction: 0.63))
        var driver = await Driver(services, language: language)
        await driver.signIn("1001", "111111")
        check(driver, "home-bootstrap", language: language)
    }
}
