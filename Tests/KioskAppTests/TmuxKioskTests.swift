import DonorCore
import Foundation
import KioskTestSupport
import Testing

/// Drives the real `kiosk` binary in tmux on a fresh data folder (the demo house: SQLite store,
/// 2,000 synthetic donors, demo staff): the full path and each refusal, as people would.
@Suite(.serialized) struct TmuxKioskTests {
    /// A kiosk in a terminal, counting the keys pressed so the walk can be measured.
    final class Kiosk {
        let session: TmuxSession
        let folder: URL
        private(set) var keys = 0

        convenience init(width: Int = 80, height: Int = 24) throws {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-e2e-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try self.init(command: ProductBinary.path("kiosk"), folder: folder, width: width, height: height)
        }

        /// `command` run in `folder` (which the kiosk deletes when done), ready when `ready` shows.
        init(command: String, folder: URL, width: Int = 80, height: Int = 24, ready: String = "工号") throws {
            self.folder = folder
            session = try TmuxSession(
                command: command, width: width, height: height,
                environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color",
                              "KIOSK_ASSETS": ProductBinary.packageRoot.appendingPathComponent("assets").path],
                directory: folder)
            // The first start imports the demo city.
            try session.waitFor(ready, timeout: 60)
        }

        deinit {
            session.kill()
            try? FileManager.default.removeItem(at: folder)
        }

        /// Types text: one key press per character, as a person types.
        func type(_ text: String) throws {
            keys += text.count
            try session.type(text)
        }

        /// A scan: a burst ended by Enter, one action for the person.
        func scan(_ text: String) throws {
            keys += 1
            try session.typeBurst(text)
        }

        func press(_ key: String, times: Int = 1) throws {
            for _ in 0..<times {
                keys += 1
                try session.press(key)
            }
        }

        /// Types a value and presses Enter, then waits until the screen shows `until`.
        func enter(_ text: String, until: String? = nil) throws {
            try type(text)
            try press("Enter")
            if let until { try session.waitFor(until) }
        }

        @discardableResult
        func wait(_ text: String, timeout: TimeInterval = 10) throws -> String { try session.waitFor(text, timeout: timeout) }

        func signIn(_ number: String, _ pin: String) throws {
            try enter(number)
            try enter(pin, until: "F2")
        }

        /// Check-in of a donor up to the decision, with the given measurements.
        func checkIn(_ id: String, vitals: [String], register name: String? = nil) throws {
            try press("F2")
            try wait("请扫描或输入身份证号码")
            try scan(id)
            if let name {
                try wait("新献血者登记")
                try enter(name)
                try enter(Self.phone(for: id))
                // The questionnaire's summary line, not its name (the card's key hints name it too).
                try enter("A+", until: "项为“是”")
            } else {
                try wait("各项目最早可献日期")
                try press("Enter")
                try wait("项为“是”")
            }
            try answerAllNo()
            try press("Enter")
            try wait("献血前检查")
            for value in vitals { try enter(value) }
            try wait("检查结论")
        }

        /// Answers each question "no" (N moves to the next one), waiting until all are answered.
        func answerAllNo() throws {
            let count = TmuxKioskTests.policy.questionnaire.questions.count
            for _ in 0..<count { try type("n") }
            try wait("已答 \(count)/\(count)")
        }

        static func phone(for id: String) -> String { "139" + String(id.suffix(8)).filter(\.isNumber).padding(toLength: 8, withPad: "0", startingAt: 0) }
    }

    /// The demo city as the kiosk seeds it, to find donors whose histories make each case.
    static let policy = try! PolicyLoader.load(path: ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path)
    static var today: LocalDate { LocalDate(Date(), in: TimeZone(identifier: policy.timeZone)!) }
    static let city = SyntheticCity(seed: 1, today: today, policy: policy).donors(0..<2_000)

    static let goodVitals = Vitals(weightKg: 70, systolic: 120, diastolic: 80, pulse: 72, pulseRegular: true, temperatureCelsius: 36.6, haemoglobin: 150)

    static func decision(_ donor: RegistryDonor, _ vitals: Vitals = goodVitals) -> EligibilityDecision {
        EligibilityEngine.decide(EligibilityInput(
            donor: donor.profile, history: donor.history, deferrals: donor.deferrals,
            answers: QuestionnaireAnswers(date: today, answers: [:]), vitals: vitals, procedure: .wholeBlood, date: today), policy: policy)
    }

    /// A valid ID number no demo donor has.
    static var newDonorID: String {
        let taken = Set(city.map(\.idNumber))
        for sequence in 100..<999 {
            let first17 = "140105199503150" + String(sequence).suffix(2)
            let id = first17 + String(ResidentIDChecksum.checkCharacter(forFirst17: first17)!)
            if !taken.contains(id) { return id }
        }
        fatalError("no free ID")
    }

    static let vitalsText = ["70", "120", "80", "72", "36.6", "150"]

    @Test func fullPathFromDoorToActivatedCardIsMeasured() throws {
        let kiosk = try Kiosk()
        let start = Date()
        try kiosk.signIn("2001", "222222")
        try kiosk.checkIn(Self.newDonorID, vitals: Self.vitalsText, register: "陈新")
        try kiosk.wait("可以献血")
        try kiosk.press("Enter")
        try kiosk.wait("已排队")
        try kiosk.press("Enter")
        try kiosk.wait("等候采血")
        try kiosk.press("Enter")
        try kiosk.wait("采血记录")
        try kiosk.press("Right", times: 2)
        try kiosk.scan(Self.bag(1))
        try kiosk.wait("优待证 · 陈新")
        try kiosk.press("Enter")
        try kiosk.wait("再按 Enter 确认")
        try kiosk.press("Enter")
        let screen = try kiosk.wait("您辛苦了，优待权益已为您激活")
        let seconds = Date().timeIntervalSince(start)
        #expect(screen.contains("年卡已激活"))
        #expect(screen.contains("▀") || screen.contains("█"))
        #expect(!screen.contains(Self.newDonorID))
        print("WALK: door to activated card in \(kiosk.keys) key presses and \(String(format: "%.1f", seconds)) s (tmux, 80x24)")
        // The data is on disk in SQLite, with the events waiting in the outbox.
        #expect(FileManager.default.fileExists(atPath: kiosk.folder.appendingPathComponent("kiosk-data/kiosk.sqlite").path))
        try kiosk.press("Enter")
        let home = try kiosk.wait("已激活")
        #expect(home.contains("离线"))
        #expect(!home.contains("待同步 0"))
    }

    @Test func refusalsWholeBloodAgainLowHaemoglobinPermanentDeferralUsedBagAndOverride() throws {
        let kiosk = try Kiosk()
        try kiosk.signIn("1001", "111111")

        // Permanent deferral: the volunteer sees only "please see the nurse".
        let deferred = try #require(Self.city.first { $0.deferrals.contains { $0.isPermanent && !$0.lifted } })
        try kiosk.press("F2")
        try kiosk.scan(deferred.idNumber)
        let card = try kiosk.wait("请至护士处")
        let rule = Self.policy.deferralRule(deferred.deferrals.first { $0.isPermanent }!.rule)!
        #expect(!card.contains(rule.name.zh))
        // Esc twice with a pause: ncurses reads Esc followed at once by a key as Alt.
        try kiosk.press("Escape")
        try kiosk.wait("请扫描或输入身份证号码")
        try kiosk.press("Escape")
        try kiosk.wait("今日排队")

        // Whole blood again within the interval: refused with the date it becomes possible.
        let recent = try #require(Self.city.first { donor in
            let failures = Self.decision(donor).failures.map(\.code)
            return failures == [RuleCode.interval(after: .wholeBlood, before: .wholeBlood)]
        })
        let when = Self.decision(recent).nextPossible[.wholeBlood]!
        try kiosk.checkIn(recent.idNumber, vitals: Self.vitalsText)
        let refused = try kiosk.wait("暂不能献血")
        #expect(refused.contains(when.iso))
        try kiosk.press("Enter")
        try kiosk.wait("F2")

        // Haemoglobin below the line.
        try kiosk.checkIn(Self.newDonorID, vitals: ["70", "120", "80", "72", "36.6", "100"], register: "陈低")
        let low = try kiosk.wait("暂不能献血")
        #expect(low.contains("血红蛋白"))
        try kiosk.press("Enter")
        try kiosk.press("F11")
        try kiosk.wait("工号")
        try kiosk.press("Escape")
        try kiosk.session.waitForScreen { !$0.contains("1001") }

        // A supervisor overrides a low pulse with a written reason and PIN.
        try kiosk.enter("3001")
        try kiosk.enter("333333", until: "F2")
        let regular = try #require(Self.city.first { donor in
            Self.decision(donor).eligible && donor.profile.birthDate.age(on: Self.today) < 50 && donor.sex == .male
        })
        try kiosk.checkIn(regular.idNumber, vitals: ["70", "120", "80", "55", "36.6", "150"])
        try kiosk.wait("F7特批")
        try kiosk.press("F7")
        try kiosk.wait("站长特批")
        try kiosk.enter("运动员静息脉搏")
        try kiosk.enter("333333")
        let overridden = try kiosk.wait("可以献血")
        #expect(overridden.contains("运动员静息脉搏"))
        try kiosk.press("Enter")
        try kiosk.wait("已排队")
        try kiosk.press("Enter")

        // Collection with a bag, then the same bag again for the next donor: refused.
        try kiosk.wait("等候采血")
        try kiosk.press("Enter")
        try kiosk.wait("采血记录")
        try kiosk.scan(Self.bag(42))
        try kiosk.wait("优待证 · \(regular.name)")
        try kiosk.press("Enter")
        try kiosk.wait("再按 Enter 确认")
        try kiosk.press("Enter")
        try kiosk.wait("您辛苦了")
        try kiosk.press("Enter")
        try kiosk.wait("今日排队")
        let second = try #require(Self.city.first { donor in
            donor.idNumber != regular.idNumber && Self.decision(donor).eligible && donor.sex == .male
        })
        try kiosk.checkIn(second.idNumber, vitals: Self.vitalsText)
        try kiosk.press("Enter")
        try kiosk.wait("已排队")
        try kiosk.press("Enter")
        try kiosk.press("Down")
        try kiosk.press("Enter")
        try kiosk.wait("采血记录 · A-002")
        try kiosk.scan(Self.bag(42))
        let used = try kiosk.wait("该血袋编号已使用过")
        #expect(used.contains("采血记录"))
    }

    @Test func screensFitAt160x50InBothLanguages() throws {
        let kiosk = try Kiosk(width: 160, height: 50)
        try kiosk.signIn("3001", "333333")
        let zh = try kiosk.wait("今日排队")
        #expect(zh.split(separator: "\n", omittingEmptySubsequences: false).count >= 50)
        try kiosk.press("F12")
        try kiosk.wait("Today's queue")
        try kiosk.press("F2")
        try kiosk.wait("Scan or type the ID number")
        try kiosk.session.resize(width: 80, height: 24)
        try kiosk.wait("Scan or type the ID number")
        try kiosk.press("F12")
        try kiosk.wait("请扫描或输入身份证号码")
    }

    /// A valid ISBT 128 DIN for a sequence number this year.
    static func bag(_ sequence: Int) -> String {
        let digits = String(sequence)
        let data = "W1234" + String(String(today.year).suffix(2)) + String(repeating: "0", count: 6 - digits.count) + digits
        return data + String(BagNumber.mod37Check(data))
    }
}
