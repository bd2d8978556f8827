import DonorCore
import KioskApp
import KioskTestSupport
import Testing
import TerminalUI

/// The donor self-service screen on in-memory services: verification and its limits, the page,
/// the pre-check-in found by the volunteer, the wipe, and keys that must not leave it.
@Suite struct SelfServiceTests {
    /// A kiosk on the self-service screen whose regular donor (D1) has an activated annual card.
    static func kiosk(language: String = "zh-Hans") async -> (Driver, InMemoryKioskServices) {
        let services = Fixture.services()
        try! await services.markActivated(donorID: "D1")
        return (await Driver(services, language: language, selfService: true), services)
    }

    static func openPage(_ driver: inout Driver) async {
        await driver.scan(Fixture.regularID)
        await driver.type("1111")
        await driver.press(.enter)
    }

    /// The card is fetched after the page opens; a donor who presses Enter before it arrives
    /// still reaches the questionnaire (a slow machine once swallowed that key).
    @Test func enterBeforeTheCardArrivesStillOpensTheQuestionnaire() async throws {
        var (driver, services) = await Self.kiosk()
        let record = try #require(await services.donor(idNumber: Fixture.regularID))
        let (verified, effects) = driver.app.update(driver.state, .selfService(.verification(.verified(record)), generation: driver.state.selfServiceGeneration))
        #expect(!effects.isEmpty)  // the card is still on its way
        driver.state = verified
        #expect(driver.screenName == "selfService.page")
        let (after, _) = driver.app.update(driver.state, .input(.key(.enter)))
        driver.state = after
        #expect(driver.screenName == "selfService.question")
    }

    /// Found trying it: a donor who scanned their card again at the phone-digits prompt spent
    /// an attempt on the ID's first digits, and Esc did nothing while a check was out.
    @Test func aSecondScanAtThePhonePromptStartsOverWithoutSpendingAnAttempt() async {
        var (driver, services) = await Self.kiosk()
        await driver.scan(Fixture.regularID)
        #expect(driver.screenName == "selfService.factor")
        await driver.scan(Fixture.regularID)
        #expect(driver.screenName == "selfService.factor")
        #expect(await services.verificationAttempts.isEmpty)
        await driver.type("1111")
        await driver.press(.enter)
        #expect(driver.screenName == "selfService.page")
    }

    @Test func escapeWipesEvenWhileACheckIsOut() async {
        var (driver, _) = await Self.kiosk()
        await driver.scan(Fixture.regularID)
        await driver.type("1112")
        let (checking, effects) = driver.app.update(driver.state, .input(.key(.enter)))
        #expect(!effects.isEmpty)
        driver.state = checking
        let (wiped, _) = driver.app.update(driver.state, .input(.key(.escape)))
        driver.state = wiped
        #expect(driver.screenName == "selfService.attract")
    }

    @Test func rightPhoneDigitsOpenTheDonorsOwnPageWithMaskedNumbers() async {
        var (driver, _) = await Self.kiosk()
        #expect(driver.screenName == "selfService.attract")
        await driver.scan(Fixture.regularID)
        #expect(driver.screenName == "selfService.factor")
        #expect(driver.screen().contains("请输入预留手机号的后四位"))
        await driver.type("1111")
        await driver.press(.enter)
        let screen = driver.screen(width: 160, height: 50)
        #expect(driver.screenName == "selfService.page")
        #expect(screen.contains("您好，王强"))
        #expect(screen.contains("1401**********" + String(Fixture.regularID.suffix(4))))
        #expect(screen.contains("138****1111"))
        #expect(!screen.contains(Fixture.regularID))
        #expect(!screen.contains("13800001111"))
        #expect(screen.contains("年卡，有效期至 2026-09-30"))
        #expect(screen.contains("再献 18 次可获铜奖"))
        #expect(screen.contains("▀") || screen.contains("█"))
    }

    @Test func wrongDigitsAreLimitedPerIDAndTheRightOnesDoNotOpenALockedID() async {
        var (driver, services) = await Self.kiosk()
        await driver.scan(Fixture.regularID)
        await driver.type("0000")
        await driver.press(.enter)
        #expect(driver.screen().contains("还可试 2 次"))
        await driver.type("0001")
        await driver.press(.enter)
        #expect(driver.screen().contains("还可试 1 次"))
        await driver.type("0002")
        await driver.press(.enter)
        #expect(driver.screen().contains("尝试次数过多，已暂时锁定。请 15 分钟后再试"))
        await driver.type("1111")
        await driver.press(.enter)
        #expect(driver.screenName == "selfService.factor")
        #expect(driver.screen().contains("尝试次数过多"))
        #expect(await services.verificationAttempts.filter(\.failed).count == 3)
    }

    @Test func anUnknownNumberIsAskedForPhoneDigitsAndRefusedLikeAWrongAnswer() async {
        var (driver, _) = await Self.kiosk()
        await driver.scan(Fixture.newDonorID)
        #expect(driver.screen().contains("请输入预留手机号的后四位"))
        await driver.type("1234")
        await driver.press(.enter)
        #expect(driver.screen().contains("与登记信息不符，请再试一次（还可试 2 次）"))
    }

    @Test func idleAndDoneWipeEverythingOfTheDonor() async {
        var (driver, _) = await Self.kiosk()
        await Self.openPage(&driver)
        await driver.press(.function(12))
        #expect(driver.state.language == "en")
        await driver.send(.idle)
        #expect(driver.screenName == "selfService.attract")
        #expect(driver.state.language == "zh-Hans")
        let screen = driver.screen(width: 160, height: 50)
        for trace in ["王强", "1111", String(Fixture.regularID.suffix(4)), "2026-09-30", "A-0"] { #expect(!screen.contains(trace)) }
        guard case .selfService(let fresh) = driver.state.screen else { Issue.record("left self-service"); return }
        #expect(fresh.record == nil && fresh.idNumber.isEmpty && fresh.answers.isEmpty && fresh.signed == nil)
        await Self.openPage(&driver)
        await driver.press(.escape)
        #expect(driver.screenName == "selfService.attract")
        #expect(!driver.screen().contains("王强"))
    }

    @Test func noKeyLeavesTheSelfServiceMode() async {
        var (driver, _) = await Self.kiosk()
        await Self.openPage(&driver)
        let keys: [Key] = [.ctrl("c"), .ctrl("z"), .ctrl("\\"), .ctrl("q"), .escape, .alt("["), .unknown(410)] + (1...24).map { .function($0) }
        for key in keys {
            await driver.press(key)
            #expect(driver.screenName.hasPrefix("selfService"), "after \(key.name)")
            #expect(driver.state.session == nil)
        }
        await driver.send(.input(.resize(Size(width: 100, height: 30))))
        await driver.type("\u{1b}[2J\u{1b}]0;x\u{07}")
        await driver.scan("\u{1b}[201~exit")
        #expect(driver.screenName.hasPrefix("selfService"))
        #expect(driver.state.session == nil)
    }

    @Test func onlyAStaffNumberAndPINLeave() async {
        var (driver, _) = await Self.kiosk()
        await driver.press(.ctrl("s"))
        #expect(driver.screenName == "selfService.staff")
        await driver.type("1001")
        await driver.press(.enter)
        await driver.type("000000")
        await driver.press(.enter)
        #expect(driver.screenName == "selfService.staff")
        #expect(driver.screen().contains("工号或密码不对"))
        await driver.type("1001")
        await driver.press(.enter)
        await driver.type("111111")
        await driver.press(.enter)
        #expect(driver.screenName == "home")
        #expect(driver.state.session?.number == "1001")
        await driver.press(.function(6))
        #expect(driver.screenName == "selfService.attract")
        #expect(driver.state.session == nil)
    }

    @Test func preCheckInGivesTheTicketTheVolunteerSeesAndItsAnswers() async {
        var (driver, services) = await Self.kiosk()
        await Self.openPage(&driver)
        await driver.press(.enter)
        #expect(driver.screenName == "selfService.question")
        for _ in Fixture.policy.questionnaire.questions { await driver.press(.character("0")) }
        #expect(driver.screenName == "selfService.finished")
        #expect(driver.screen().contains("您的排队号：A-001"))
        #expect(await services.latestAnswers(donorID: "D1")?.date == Fixture.today)
        #expect(await services.queue(on: Fixture.today).map(\.stage) == [.arrived])
        await driver.press(.enter)
        #expect(!driver.screen().contains("A-001"))
        await driver.press(.ctrl("s"))
        await driver.signIn("1001", "111111")
        #expect(driver.screen().contains("A-001"))
        #expect(driver.screen().contains("自助登记"))
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        #expect(driver.screenName == "questionnaire")
        #expect(driver.screen().contains("已载入今天已记录的回答（已答 10/10，0 项为“是”）"))
        let entry = try? await services.enqueue(donorID: "D1", procedure: .wholeBlood, overrides: [], by: "1001")
        #expect(entry?.number == 1)
        #expect(entry?.stage == .waiting)
    }

    @Test func aDeferringYesSaysKindlyWhenToComeBackAndGivesNoTicket() async {
        var (driver, services) = await Self.kiosk()
        await Self.openPage(&driver)
        await driver.press(.enter)
        let questions = Fixture.policy.questionnaire.questions
        let cold = questions.firstIndex { $0.id == "cold" } ?? 0
        for index in questions.indices { await driver.press(.character(index == cold ? "1" : "0")) }
        let screen = driver.screen()
        #expect(screen.contains("谢谢您的如实回答"))
        #expect(screen.contains("起欢迎您再来"))
        #expect(!screen.contains("排队号"))
        #expect(await services.queue(on: Fixture.today).isEmpty)
        #expect(await services.latestAnswers(donorID: "D1")?.answers[questions[cold].id] == true)
    }
}
