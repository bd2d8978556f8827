import DonorCore
import Foundation
import KioskTestSupport
import Testing

/// The real `kiosk` binary in tmux on a real SQLite data folder (the demo city), in the
/// self-service mode: the page and QR of an activated card, a pre-check-in found by the
/// volunteer, the lock-out, the idle wipe, and every key that must not leave.
@Suite(.serialized) struct TmuxSelfServiceTests {
    typealias Kiosk = TmuxKioskTests.Kiosk

    static let samples = SyntheticCity(seed: 1, today: TmuxKioskTests.today, policy: TmuxKioskTests.policy).sampleIndexes(scanning: 2_000)
    static var annual: RegistryDonor { TmuxKioskTests.city[samples.annualCard!] }
    static var firstTimer: RegistryDonor { TmuxKioskTests.city[samples.firstTimer!] }
    /// A donor with a registered phone and donations, for the phone-digits lock-out.
    static var withPhone: RegistryDonor { TmuxKioskTests.city.first { $0.phone != nil && !$0.history.isEmpty }! }
    static func lastFour(_ donor: RegistryDonor) -> String { String((donor.phone ?? "").suffix(4)) }
    /// What the donor types as the second factor: phone digits, or the birth date without a phone.
    static func factor(_ donor: RegistryDonor) -> String { donor.phone == nil ? donor.birthDate.iso.filter(\.isNumber) : lastFour(donor) }
    static func prompt(_ donor: RegistryDonor) -> String { donor.phone == nil ? "请输入您的出生日期" : "请输入预留手机号的后四位" }

    /// A kiosk with a short idle time-out (the config's smallest, 10 s), started with `arguments`.
    static func kiosk(_ arguments: String, width: Int = 80, height: Int = 24) throws -> Kiosk {
        let assets = ProductBinary.packageRoot.appendingPathComponent("assets").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-ss-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try """
        [house]
        id = "ss-test"
        name = "自助测试屋"
        demo = true
        [policy]
        file = "\(assets)/policy/taiyuan.toml"
        assets = "\(assets)"
        [ui]
        language = "zh-Hans"
        self_service_idle_seconds = 10
        staff_idle_seconds = 300
        [self_service]
        max_failures_per_id = 3
        max_failures_per_kiosk = 10
        window_seconds = 900
        slow_down_seconds = 1
        [data]
        directory = "kiosk-data"
        key_file = "kiosk-data/kiosk.key"
        """.write(to: folder.appendingPathComponent("kiosk.conf"), atomically: true, encoding: .utf8)
        return try Kiosk(command: ProductBinary.path("kiosk") + " " + arguments, folder: folder, width: width, height: height,
                         ready: arguments.contains("--self-service") ? "请扫描身份证或输入身份证号" : "工号")
    }

    /// Gives the ID number and phone digits and waits for the page.
    @discardableResult
    static func openPage(_ kiosk: Kiosk, _ donor: RegistryDonor) throws -> String {
        try kiosk.scan(donor.idNumber)
        try kiosk.wait(prompt(donor))
        try kiosk.enter(factor(donor))
        return try kiosk.wait("您好，\(donor.name)")
    }

    /// The terminal closing under a self-service kiosk (the window shut, the tmux server gone)
    /// ends the kiosk: a kiosk found after a full test run still running at a full core, its
    /// terminal and data folder gone, is what this guards against.
    @Test func aKioskWhoseTerminalClosesExitsInsteadOfSpinning() throws {
        let kiosk = try Self.kiosk("--self-service")
        let pid = try kiosk.session.programPID()
        kiosk.session.kill()
        let deadline = Date().addingTimeInterval(10)
        var state = "running"
        while Date() < deadline {
            // Gone, or a zombie waiting for a parent that does not reap it: either way it exited.
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { state = "gone"; break }
            state = String(stat[stat.index(close, offsetBy: 2)])
            if state == "Z" { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(state == "gone" || state == "Z", "the kiosk (pid \(pid)) still runs in state \(state) 10 s after its terminal closed")
        if state != "gone" && state != "Z" { Foundation.kill(pid, SIGKILL) }
    }

    @Test func aDonorWithAnActivatedCardReadsTheirPageAndQR() throws {
        let kiosk = try Self.kiosk("", width: 160, height: 50)
        let donor = Self.annual
        try kiosk.signIn("1001", "111111")
        try kiosk.press("F4")
        try kiosk.scan(donor.idNumber)
        try kiosk.wait("优待证 · \(donor.name)")
        try kiosk.press("Enter")
        try kiosk.press("Enter")
        try kiosk.wait("您辛苦了，优待权益已为您激活")
        try kiosk.press("Enter")
        try kiosk.wait("F6")
        try kiosk.press("F6")
        try kiosk.wait("请扫描身份证或输入身份证号")
        try Self.openPage(kiosk, donor)
        let page = try kiosk.wait("右侧二维码")
        let masked = String(donor.idNumber.prefix(4)) + "**********" + String(donor.idNumber.suffix(4))
        #expect(page.contains("证件 \(masked)"))
        #expect(!page.contains(donor.idNumber))
        if let phone = donor.phone { #expect(!page.contains(phone)) }
        #expect(page.contains("年卡，有效期至"))
        #expect(page.contains("▀") || page.contains("█"))
        #expect(page.contains("右侧二维码"))
    }

    @Test func aFirstTimeDonorsAnswersAreFoundByTheVolunteersCheckIn() throws {
        let kiosk = try Self.kiosk("--self-service")
        let donor = Self.firstTimer
        try Self.openPage(kiosk, donor)
        try kiosk.press("Enter")
        try kiosk.wait("第 1 / 10 题")
        for _ in 0..<10 { try kiosk.type("0") }
        let ticket = try kiosk.wait("您的排队号：A-001")
        #expect(ticket.contains("请到登记台等候叫号"))
        try kiosk.press("Enter")
        try kiosk.wait("请扫描身份证或输入身份证号")
        try kiosk.press("C-s")
        try kiosk.wait("请输入工号")
        try kiosk.enter("1001")
        try kiosk.enter("111111")
        let home = try kiosk.wait("自助登记")
        #expect(home.contains("A-001"))
        try kiosk.press("F2")
        try kiosk.wait("请扫描或输入身份证号码")
        try kiosk.scan(donor.idNumber)
        try kiosk.wait("各项目最早可献日期")
        try kiosk.press("Enter")
        try kiosk.wait("已载入今天已记录的回答（已答 10/10，0 项为“是”）")
    }

    @Test func wrongPhoneDigitsLockTheIDEvenAfterARestart() throws {
        let kiosk = try Self.kiosk("--self-service")
        let donor = Self.withPhone
        try kiosk.scan(donor.idNumber)
        try kiosk.wait("请输入预留手机号的后四位")
        let wrong = Self.lastFour(donor) == "0000" ? "1111" : "0000"
        try kiosk.enter(wrong)
        try kiosk.wait("还可试 2 次", timeout: 15)
        try kiosk.enter(wrong)
        try kiosk.wait("还可试 1 次", timeout: 15)
        try kiosk.enter(wrong)
        try kiosk.wait("尝试次数过多", timeout: 15)
        try kiosk.enter(Self.lastFour(donor))
        let locked = try kiosk.wait("尝试次数过多")
        #expect(!locked.contains("您好"))
        // The count is in the store: a restarted kiosk still refuses this ID.
        kiosk.session.kill()
        let again = try Kiosk(command: ProductBinary.path("kiosk") + " --self-service", folder: kiosk.folder, ready: "请扫描身份证或输入身份证号")
        try again.scan(donor.idNumber)
        try again.wait("请输入预留手机号的后四位")
        try again.enter(Self.lastFour(donor))
        try again.wait("尝试次数过多")
    }

    @Test func theIdleTimeOutWipesTheDonor() throws {
        let kiosk = try Self.kiosk("--self-service")
        let donor = Self.annual
        let page = try Self.openPage(kiosk, donor)
        #expect(page.contains(donor.name))
        let after = try kiosk.wait("请扫描身份证或输入身份证号", timeout: 20)
        let masked = String(donor.idNumber.prefix(4)) + "**********" + String(donor.idNumber.suffix(4))
        for trace in [donor.name, masked, String(donor.idNumber.suffix(4)), Self.factor(donor), "有效期至", "计次"] {
            #expect(!after.contains(trace), "\(trace) still on screen")
        }
    }

    @Test func noEscapeLeavesTheSelfServiceMode() throws {
        let kiosk = try Self.kiosk("--self-service")
        try Self.openPage(kiosk, Self.annual)
        for key in ["C-c", "C-z", "C-\\", "C-q", "Escape", "F1", "F2", "F4", "F5", "F6", "F9", "F10", "F11"] {
            try kiosk.press(key)
            Thread.sleep(forTimeInterval: 0.2)
            let screen = try kiosk.session.capture()
            #expect(screen.contains("请扫描身份证或输入身份证号") || screen.contains("您好"), "after \(key)")
            #expect(!screen.contains("今日排队"), "after \(key)")
            #expect(try kiosk.session.display("#{pane_dead}") == "0", "after \(key)")
        }
        try kiosk.session.resize(width: 100, height: 30)
        try kiosk.session.type("\u{1b}[2J\u{1b}]0;owned\u{07}\u{1b}[201~exit\r")
        try kiosk.session.resize(width: 80, height: 24)
        Thread.sleep(forTimeInterval: 0.5)
        let screen = try kiosk.wait("请扫描身份证或输入身份证号")
        #expect(!screen.contains("今日排队"))
        #expect(try kiosk.session.display("#{pane_dead}") == "0")
    }
}
