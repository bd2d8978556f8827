import DonorCore
import KioskApp
import Testing
import TerminalUI

/// The whole path from the door to the activated card, and each refusal on the way, driven
/// through `update` with in-memory services.
@Suite struct FlowTests {
    /// Signs in, registers the new donor and answers everything up to the decision; `vitalsKeys`
    /// are pressed on the check screen before the values are typed.
    static func walkToDecision(_ driver: inout Driver, staff: (String, String) = ("2001", "222222"), hb: String = "135",
                               pulse: String = "72", vitalsKeys: [Key] = []) async {
        await driver.signIn(staff.0, staff.1)
        await driver.press(.function(2))
        await driver.scan(Fixture.newDonorID)
        await driver.type("陈新")
        await driver.press(.enter)
        await driver.type("13512345678")
        await driver.press(.enter)
        await driver.type("A+")
        await driver.press(.enter)
        await driver.passQuestionnaire()
        for key in vitalsKeys { await driver.press(key) }
        for value in ["62", "120", "80", pulse, "36.6", hb] {
            await driver.type(value)
            await driver.press(.enter)
        }
    }

    @Test func newDonorWalksFromDoorToActivatedCard() async {
        var driver = await Driver()
        await Self.walkToDecision(&driver)
        #expect(driver.screenName == "decision")
        #expect(driver.screen().contains("可以献血"))
        await driver.press(.enter)
        #expect(driver.screen().contains("已排队"))
        await driver.press(.enter)
        #expect(driver.screenName == "home")
        #expect(driver.screen().contains("等候采血"))
        await driver.press(.enter)
        #expect(driver.screenName == "collection")
        await driver.scan(Fixture.bag(1))
        #expect(driver.screenName == "certificate")
        #expect(driver.screen().contains("新办年卡，有效期至 2027-06-30"))
        await driver.press(.enter)
        #expect(driver.screen().contains("再按 Enter 确认"))
        await driver.press(.enter)
        let screen = driver.screen()
        #expect(screen.contains("您辛苦了，优待权益已为您激活"))
        #expect(screen.contains("█") || screen.contains("▀"))
        await driver.press(.enter)
        #expect(driver.screen().contains("已激活"))
    }

    /// Every question starts unanswered, and Enter goes on only once each has an answer: the
    /// cursor goes to the first one left and the line above the table says how many.
    @Test func theCheckWaitsUntilEveryQuestionIsAnswered() async {
        var driver = await Driver()
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        let questions = Fixture.policy.questionnaire.questions
        #expect(driver.screen().contains("请逐项询问献血者（已答 0/\(questions.count)，0 项为“是”）"))
        #expect(driver.screen().contains("│ 未答 今天"))
        #expect(!driver.screen().contains("│ 否"))
        await driver.press(.enter)
        #expect(driver.screenName == "questionnaire")
        #expect(driver.screen().contains("还有 \(questions.count) 项未回答"))
        // All but the third answered; Enter brings the cursor back to the third.
        for index in questions.indices {
            if index == 2 { await driver.press(.down) } else { await driver.press(.character(index == 0 ? "y" : "n")) }
        }
        await driver.press(.enter)
        #expect(driver.screenName == "questionnaire")
        let screen = driver.screen()
        #expect(screen.contains("还有 1 项未回答"))
        #expect(screen.contains(questions[2].text.zh))
        await driver.press(.character("n"))
        #expect(driver.screen().contains("已答 \(questions.count)/\(questions.count)，1 项为“是”"))
        await driver.press(.enter)
        #expect(driver.screenName == "vitals")
    }

    /// Answers typed faster than the screen reads arrive as one burst of text: each counts.
    @Test func answersTypedTogetherEachCount() async {
        var driver = await Driver()
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        let count = Fixture.policy.questionnaire.questions.count
        await driver.type("y" + String(repeating: "n", count: count - 1))
        #expect(driver.screen().contains("已答 \(count)/\(count)，1 项为“是”"))
        await driver.press(.enter)
        #expect(driver.screenName == "vitals")
    }

    /// A card already activated is shown again with its QR code when the donor's certificate is
    /// looked up later, and is not activated a second time (the day counts one activation).
    @Test func anActivatedCardLookedUpAgainIsShownNotActivatedTwice() async throws {
        let services = Fixture.services()
        var driver = await Driver(services)
        await Self.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(2))
        await driver.press(.enter, .enter)
        #expect(driver.screen().contains("您辛苦了，优待权益已为您激活"))
        await driver.press(.enter)
        #expect(await services.dayFigures(on: Fixture.today).activationsByCard[.annual] == 1)

        await driver.press(.function(4))
        await driver.scan(Fixture.newDonorID)
        let screen = driver.screen()
        #expect(screen.contains("年卡已激活"))
        #expect(screen.contains("此卡此前已激活，无需再次激活"))
        #expect(screen.contains("▀") || screen.contains("█"))
        // A supervisor may still correct or void the donation behind it.
        #expect(screen.contains("F8更正"))
        await driver.press(.enter)
        #expect(driver.screenName == "home")
        #expect(await services.dayFigures(on: Fixture.today).activationsByCard[.annual] == 1)

        // Voided, the donation leaves no card: nothing to show, and activation is not offered.
        await driver.press(.function(4))
        await driver.scan(Fixture.newDonorID)
        await driver.press(.function(9))
        await driver.type("登记错人")
        await driver.press(.enter)
        let voided = driver.screen()
        #expect(voided.contains("无有效证件"))
        #expect(!voided.contains("此卡此前已激活"))
        #expect(!voided.contains("Enter激活"))
    }

    @Test func wholeBloodAgainThreeMonthsLaterIsRefusedWithTheDate() async {
        var driver = await Driver()
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.scan(Fixture.recentID)
        #expect(driver.screen().contains("全血：2026-10-01 起"))
        await driver.press(.enter)
        await driver.passQuestionnaire()
        for value in ["55", "118", "76", "70", "36.5", "130"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        let screen = driver.screen()
        #expect(screen.contains("暂不能献血"))
        #expect(screen.contains("2026-10-01"))
    }

    @Test func haemoglobinBelowTheLineIsRefused() async {
        var driver = await Driver()
        await Self.walkToDecision(&driver, hb: "110")
        let screen = driver.screen()
        #expect(screen.contains("暂不能献血"))
        #expect(screen.contains("血红蛋白"))
        await driver.press(.enter)
        #expect(driver.screenName == "home")
    }

    @Test func anIrregularPulseMarkedWithF7IsRefused() async {
        var driver = await Driver()
        await Self.walkToDecision(&driver, vitalsKeys: [.function(7)])
        let screen = driver.screen()
        #expect(screen.contains("暂不能献血"))
        #expect(screen.contains("脉律不齐"))
    }

    @Test func aPulseOf55IsRefusedUnlessF8MarksAnEnduranceAthlete() async {
        var plain = await Driver()
        await Self.walkToDecision(&plain, pulse: "55")
        #expect(plain.screen().contains("暂不能献血"))
        var athlete = await Driver()
        await Self.walkToDecision(&athlete, pulse: "55", vitalsKeys: [.function(8)])
        #expect(athlete.screen().contains("可以献血"))
        #expect(!athlete.screen().contains("暂不能献血"))
    }

    @Test func volunteerSeesNoReasonForAPermanentDeferral() async {
        var driver = await Driver()
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.deferredID)
        let screen = driver.screen()
        #expect(screen.contains("请至护士处") || screen.contains("护士"))
        #expect(!screen.contains("传染"))
        #expect(!screen.contains(Fixture.deferredID))
        #expect(screen.contains(String(Fixture.deferredID.prefix(4)) + "**********"))
    }

    @Test func supervisorSeesThePermanentDeferralReason() async {
        var driver = await Driver()
        await driver.signIn("3001", "333333")
        await driver.press(.function(2))
        await driver.scan(Fixture.deferredID)
        #expect(!driver.screen().contains("请至护士处"))
    }

    @Test func aBagNumberUsedTwiceIsRefused() async {
        let services = Fixture.services()
        var driver = await Driver(services)
        await Self.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(7))
        #expect(driver.screenName == "certificate")
        // A second donor, the same bag.
        await driver.press(.escape, .function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        await driver.passQuestionnaire()
        for value in ["70", "125", "82", "75", "36.4", "150"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        await driver.press(.enter, .enter)
        await driver.press(.down, .enter)
        #expect(driver.screenName == "collection")
        await driver.scan(Fixture.bag(7))
        #expect(driver.screenName == "collection")
        #expect(driver.screen().contains("该血袋编号已使用过"))
    }

    @Test func aBagNumberWithAWrongCheckCharacterIsRefusedAsTyped() async {
        var driver = await Driver()
        await Self.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        let good = Fixture.bag(3)
        let bad = String(good.dropLast()) + (good.last == "A" ? "B" : "A")
        await driver.scan(bad)
        #expect(driver.screen().contains("校验位不符"))
        await driver.press(.enter)
        #expect(driver.screenName == "collection")
    }

    /// The needle times start as the screen's opening time (09:30 in the fixture) and, empty,
    /// the time of saving; the nurse corrects them above the bag field. A time that is not one,
    /// later than now, or an end before the start is refused with the field to fix.
    @Test func needleTimesAreCorrectedAboveTheBagAndCheckedBeforeSaving() async {
        let services = Fixture.services()
        var driver = await Driver(services)
        await Self.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        #expect(driver.screenName == "collection")
        #expect(driver.screen().contains("针入时间      09:30"))
        // ↑↑ to the needle-in time, cleared and typed again.
        func retype(_ text: String) async {
            for _ in 0..<5 { await driver.press(.backspace) }
            await driver.type(text)
        }
        await driver.press(.up, .up)
        await retype("2561")
        await driver.scan(Fixture.bag(4))
        #expect(driver.screenName == "collection")
        #expect(driver.screen().contains("时间应为 时:分"))
        // Each refusal leaves the cursor in the field to fix.
        await retype("1000")
        await driver.scan(Fixture.bag(4))
        #expect(driver.screen().contains("时间不能晚于现在"))
        await retype("0815")
        await driver.press(.down)
        await retype("0805")
        await driver.scan(Fixture.bag(4))
        #expect(driver.screen().contains("针出时间早于针入时间"))
        #expect(driver.screenName == "collection")
        await retype("8:50")
        await driver.scan(Fixture.bag(4))
        #expect(driver.screenName == "certificate")
        // The needle-in hour is what the day's figures count by.
        #expect(await services.dayFigures(on: Fixture.today).donationsByHour == [8: 1])
    }

    /// The totals line names what was given: millilitres of whole blood and plasma, platelet
    /// doses; a voided donation and one where no blood was drawn are not donations.
    @Test func theTotalsLineCountsWhatWasGiven() {
        let context = ScreenContext(strings: Fixture.strings["zh-Hans"]!, policy: Fixture.policy, today: Fixture.today, now: "09:30", session: nil)
        let day = { (d: Int) in LocalDate(year: 2026, month: 3, day: d)! }
        let platelets = Donation(id: "p", date: day(1), kind: .platelets, doses: 2)
        let whole = Donation(id: "w", date: day(2), kind: .wholeBlood, volumeML: 400)
        let notDrawn = Donation(id: "n", date: day(3), kind: .wholeBlood, volumeML: 400, outcome: .notDrawn)
        let voided = Donation(id: "v", date: day(4), kind: .wholeBlood, volumeML: 300, voided: true)
        #expect(CertificateText.totalsLine([platelets], context) == "献血 1 次 · 计次 2 · 血小板 2 个治疗量")
        #expect(CertificateText.totalsLine([platelets, whole, notDrawn, voided], context) == "献血 2 次 · 计次 4 · 共 400 ml · 血小板 2 个治疗量")
        #expect(CertificateText.totalsLine([], context) == "献血 0 次 · 计次 0 · 共 0 ml")
    }

    @Test func supervisorOverridesALowPulseWithAWrittenReason() async {
        var driver = await Driver()
        await driver.signIn("3001", "333333")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        await driver.passQuestionnaire()
        for value in ["70", "125", "82", "55", "36.4", "150"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        #expect(driver.screen().contains("暂不能献血"))
        await driver.press(.function(7))
        await driver.type("运动员，静息脉搏低")
        await driver.press(.enter)
        await driver.type("333333")
        await driver.press(.enter)
        let screen = driver.screen()
        #expect(screen.contains("可以献血"))
        #expect(screen.contains("运动员，静息脉搏低"))
    }

    @Test func aVolunteerCannotOverride() async {
        var driver = await Driver()
        await driver.signIn("1001", "111111")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        await driver.passQuestionnaire()
        for value in ["70", "125", "82", "55", "36.4", "150"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        await driver.press(.function(7))
        #expect(!driver.screen().contains("站长特批"))
    }

    @Test func wrongPINIsRefusedAndF11Locks() async {
        var driver = await Driver()
        await driver.signIn("2001", "999999")
        #expect(driver.screenName == "signIn")
        #expect(driver.screen().contains("工号或密码不对"))
        await driver.type("222222")
        await driver.press(.enter)
        #expect(driver.screenName == "home")
        await driver.press(.function(11))
        #expect(driver.screenName == "signIn")
        #expect(driver.state.session == nil)
        await driver.send(.idle)
        #expect(driver.screenName == "signIn")
    }

    @Test func idleTimeLocksTheSession() async {
        var driver = await Driver()
        await driver.signIn("2001", "222222")
        #expect(driver.app.idleTimeout == .seconds(300))
        await driver.send(.idle)
        #expect(driver.screenName == "signIn")
        #expect(driver.screen().contains("2001"))
    }

    @Test func f12SwitchesToEnglishOnEveryScreen() async {
        var driver = await Driver()
        await driver.press(.function(12))
        #expect(driver.screen().contains("Staff sign-in"))
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.type("1401")
        #expect(driver.screen().contains("An ID number has 18 characters, this one 4"))
        await driver.press(.function(12))
        #expect(driver.screen().contains("身份证号应为 18 位，现为 4 位"))
    }

    @Test func volunteerHasNoCollectionOrFigures() async {
        var driver = await Driver()
        await driver.signIn("1001", "111111")
        await driver.press(.function(3))
        #expect(driver.screenName == "home")
        await driver.press(.function(5))
        #expect(driver.screenName == "home")
        #expect(!driver.screen().contains("F3"))
    }
}

/// Corrections: a supervisor voids or corrects a donation with a written reason; the card follows.
@Suite struct CorrectionTests {
    @Test func supervisorVoidsTheDonationWithAReasonAndTheNewCardGoes() async {
        var driver = await Driver()
        await FlowTests.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(5))
        #expect(driver.screen().contains("新办年卡"))
        await driver.press(.function(9))
        await driver.type("登记错人")
        await driver.press(.enter)
        #expect(driver.screenName == "certificate")
        #expect(driver.screen().contains("无有效证件"))
    }

    @Test func supervisorCorrectsTheVolumeWithAReason() async throws {
        let services = Fixture.services()
        var driver = await Driver(services)
        await FlowTests.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter, .right, .right)  // 400 ml
        await driver.scan(Fixture.bag(7))
        #expect(driver.screenName == "certificate")
        await driver.press(.function(8))
        #expect(driver.screen().contains("更正理由"))
        #expect(driver.screen().contains("[400 ml]"))
        await driver.press(.left)
        #expect(driver.screen().contains("[300 ml]"))
        await driver.press(.enter)
        #expect(driver.screen().contains("请写明更正理由"))
        #expect(driver.screen().contains("计入证件的献血量：2 次"))
        await driver.type("称重后更正")
        await driver.press(.enter)
        #expect(driver.screenName == "certificate")
        #expect(!driver.screen().contains("更正 2026-07-01"))
        // The card follows the corrected volume: 300 ml counts as 1.5.
        #expect(driver.screen().contains("计入证件的献血量：1.5 次"))
        let record = try #require(await services.donor(idNumber: Fixture.newDonorID))
        #expect(record.donor.history.map(\.volumeML) == [300])
    }

    @Test func escapeLeavesTheCorrectionUnsaved() async throws {
        let services = Fixture.services()
        var driver = await Driver(services)
        await FlowTests.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(3))
        await driver.press(.function(8), .right)
        await driver.type("x")
        await driver.press(.escape)
        #expect(driver.screenName == "certificate")
        #expect(!driver.screen().contains("更正 2026-07-01"))
        let record = try #require(await services.donor(idNumber: Fixture.newDonorID))
        #expect(record.donor.history.map(\.volumeML) == [200])
    }

    @Test func aNurseCannotVoid() async {
        var driver = await Driver()
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(6))
        await driver.press(.function(9))
        #expect(!driver.screen().contains("作废理由"))
        await driver.press(.function(8))
        #expect(!driver.screen().contains("更正理由"))
    }
}

/// The day's figures reach a CSV file a spreadsheet reads.
@Suite struct DayExportTests {
    @Test func f8ExportsTheDayAsCSV() async throws {
        var driver = await Driver()
        await FlowTests.walkToDecision(&driver, staff: ("3001", "333333"))
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(8))
        await driver.press(.escape, .function(5), .function(8))
        let file = driver.app.exportDirectory + "/day-2026-07-01.csv"
        let csv = try String(contentsOfFile: file, encoding: .utf8)
        #expect(csv.contains("2026-07-01,procedure,whole_blood,1"))
        #expect(csv.contains("2026-07-01,volume,ml,200"))
        #expect(driver.screen().contains("已导出"))
    }
}

/// Answers the donor gave on the self-service screen today reach the desk.
@Suite struct PreloadedAnswersTests {
    @Test func todaysSelfServiceAnswersAreLoadedAndDeferTheDonor() async throws {
        let services = Fixture.services()
        let record = try #require(await services.donor(idNumber: Fixture.regularID))
        // The self-service screen saves an answer to every question; one of them is a yes.
        let answers = Dictionary(uniqueKeysWithValues: Fixture.policy.questionnaire.questions.map { ($0.id, $0.id == "alcohol") })
        await services.saveAnswers(QuestionnaireAnswers(date: Fixture.today, answers: answers), donorID: record.id, by: "self-service")
        var driver = await Driver(services)
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        await driver.press(.enter)
        #expect(driver.screen().contains("已载入今天已记录的回答（已答 10/10，1 项为“是”）"))
        await driver.press(.enter)
        for value in ["70", "125", "82", "75", "36.4", "150"] {
            await driver.type(value)
            await driver.press(.enter)
        }
        #expect(driver.screen().contains("暂不能献血"))
    }

    /// A "yes" given earlier today (here at the desk, on a visit that was turned away) moves the
    /// dates on the card of the next check-in, as the decision will; yesterday's answers do not.
    @Test func aYesGivenEarlierTodayMovesTheCardsDates() async throws {
        let services = Fixture.services()
        let record = try #require(await services.donor(idNumber: Fixture.regularID))
        var driver = await Driver(services)
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        await driver.scan(Fixture.regularID)
        #expect(driver.screen().contains("全血：今天可献"))

        let answers = Dictionary(uniqueKeysWithValues: Fixture.policy.questionnaire.questions.map { ($0.id, $0.id == "cold") })
        await services.saveAnswers(QuestionnaireAnswers(date: Fixture.today, answers: answers), donorID: record.id, by: "2001")
        await driver.press(.escape, .function(2))
        await driver.scan(Fixture.regularID)
        // A cold defers for a week in the Taiyuan policy.
        let week = Fixture.today.adding(days: 7).iso
        #expect(driver.screen().contains("全血：\(week) 起"))
        #expect(driver.screen().contains("⚠ 健康征询“您在过去1周内是否患过感冒？”答“是”"))

        await services.saveAnswers(QuestionnaireAnswers(date: Fixture.today.adding(days: -1), answers: answers), donorID: record.id, by: "2001")
        await driver.press(.escape, .function(2))
        await driver.scan(Fixture.regularID)
        #expect(driver.screen().contains("全血：今天可献"))
    }

    @Test func f12RetranslatesTheBagCheckAsTyped() async {
        var driver = await Driver()
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        await driver.type("W12")
        #expect(driver.screen().contains("血袋编号应为 14 位"))
        await driver.press(.function(12))
        #expect(driver.screen().contains("A bag number has 14 characters"))
    }
}
