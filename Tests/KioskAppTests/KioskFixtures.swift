import DonorCore
import Foundation
import KioskApp
import KioskTestSupport
@testable import TerminalUI

/// The shipped policy and texts, a fixed day, and a few donors whose histories make each
/// refusal happen.
enum Fixture {
    static let assets = ProductBinary.packageRoot.appendingPathComponent("assets").path
    static let policy = try! PolicyLoader.load(path: assets + "/policy/taiyuan.toml")
    static let strings: [String: UIStrings] = Dictionary(uniqueKeysWithValues: UIStrings.languages.map {
        ($0, try! UIStrings.load(assets: assets, language: $0))
    })
    static let today = LocalDate(year: 2026, month: 7, day: 1)!

    /// A valid resident ID from its first 17 digits.
    static func id(_ first17: String) -> String {
        first17 + String(ResidentIDChecksum.checkCharacter(forFirst17: first17)!)
    }

    /// Never seen by the services: registered during the test.
    static let newDonorID = id("14010519950315002")
    /// Whole blood 400 ml nine months ago: may give whole blood today; annual card running.
    static let regularID = id("14010519850620001")
    /// Whole blood three months ago: whole blood not before 2026-10-01.
    static let recentID = id("14010519900512002")
    /// Permanently deferred by the lab.
    static let deferredID = id("14010519800101003")

    static var donors: [RegistryDonor] {
        [
            RegistryDonor(idNumber: regularID, name: "王强", sex: .male, birthDate: LocalDate(year: 1985, month: 6, day: 20)!,
                          phone: "13800001111", bloodType: BloodType("A+"),
                          history: [Donation(id: "h1", date: LocalDate(year: 2025, month: 10, day: 1)!, kind: .wholeBlood, volumeML: 400)]),
            RegistryDonor(idNumber: recentID, name: "李娜", sex: .female, birthDate: LocalDate(year: 1990, month: 5, day: 12)!,
                          phone: "13900002222", bloodType: BloodType("O+"),
                          history: [Donation(id: "h2", date: LocalDate(year: 2026, month: 4, day: 1)!, kind: .wholeBlood, volumeML: 300)]),
            RegistryDonor(idNumber: deferredID, name: "赵敏", sex: .male, birthDate: LocalDate(year: 1980, month: 1, day: 1)!,
                          phone: "13700003333", bloodType: BloodType("B+"),
                          deferrals: [Deferral(id: "d1", rule: "infection_marker", source: .lab, from: LocalDate(year: 2025, month: 1, day: 5)!, until: nil)]),
        ]
    }

    static let staff = [
        InMemoryKioskServices.Staff(number: "1001", pin: "111111", name: "王志愿", role: .volunteer),
        InMemoryKioskServices.Staff(number: "2001", pin: "222222", name: "李护士", role: .nurse),
        InMemoryKioskServices.Staff(number: "3001", pin: "333333", name: "张站长", role: .supervisor),
    ]

    /// The demo house's self-service limits (assets/demo/kiosk.conf).
    static let limits = try! KioskConfiguration.load(path: assets + "/demo/kiosk.conf").selfServiceLimits!

    static func services() -> InMemoryKioskServices {
        InMemoryKioskServices(staff: staff, donors: donors, policy: policy, today: today, selfServiceLimits: limits)
    }

    static let art = SelfServiceScreen.Art(left: try? AsciiArt(contentsOf: assets + "/art/bing-xiaonuan.txt"),
                                           right: try? AsciiArt(contentsOf: assets + "/art/bing-xiaoyong.txt"))

    static func app(_ services: any KioskServices, language: String = "zh-Hans", selfService: Bool = false) -> KioskApp {
        KioskApp(
            services: services, policy: policy, strings: strings, houseName: "示范献血屋（演示）", language: language,
            staffIdleSeconds: 300, selfServiceIdleSeconds: 60,
            exportDirectory: FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-exports").path,
            today: { Fixture.today }, clock: { "09:30" }, startsInSelfService: selfService, art: art)
    }

    /// A valid ISBT 128 DIN for a sequence number.
    static func bag(_ sequence: Int) -> String {
        let digits = String(sequence)
        let data = "W1234" + "26" + String(repeating: "0", count: 6 - digits.count) + digits
        return data + String(BagNumber.mod37Check(data))
    }
}

/// Runs the app as the loop does, without a terminal: each message's effects run at once
/// and their answers are fed back, except timers (a clock tick, a toast's end), which never
/// answer within the short wait and are dropped.
struct Driver {
    let app: KioskApp
    var state: KioskState

    init(_ services: any KioskServices = Fixture.services(), language: String = "zh-Hans", selfService: Bool = false) async {
        app = Fixture.app(services, language: language, selfService: selfService)
        let (state, effects) = app.start()
        self.state = state
        for effect in effects { if let message = await Driver.run(effect) { await send(message) } }
    }

    mutating func send(_ message: KioskMessage) async {
        var pending = [message]
        while !pending.isEmpty {
            let (next, effects) = app.update(state, pending.removeFirst())
            state = next
            for effect in effects {
                if let answer = await Driver.run(effect) { pending.append(answer) }
            }
        }
    }

    static func run(_ effect: Effect<KioskMessage>) async -> KioskMessage? {
        guard case .task(let operation) = effect.kind else { return nil }
        return await withTaskGroup(of: KioskMessage?.self) { group in
            group.addTask { await operation() }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(300))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    mutating func press(_ keys: Key...) async {
        for key in keys { await send(.input(.key(key))) }
    }

    mutating func type(_ text: String) async { await send(.input(.text(text))) }

    mutating func scan(_ text: String) async { await send(.input(.scan(text))) }

    /// Answers each question of the questionnaire on screen "no" (N moves to the next one),
    /// then presses Enter to go on to the check.
    mutating func passQuestionnaire() async {
        for _ in Fixture.policy.questionnaire.questions { await press(.character("n")) }
        await press(.enter)
    }

    mutating func signIn(_ number: String, _ pin: String) async {
        await type(number)
        await press(.enter)
        await type(pin)
        await press(.enter)
    }

    /// The screen drawn at a size, as the terminal would show it.
    func render(width: Int = 80, height: Int = 24) -> TestBackend {
        let backend = TestBackend(width: width, height: height)
        Renderer(backend: backend).render { app.view(state, into: &$0) }
        return backend
    }

    /// The screen's text.
    func screen(width: Int = 80, height: Int = 24) -> String {
        render(width: width, height: height).screen.lines().joined(separator: "\n")
    }

    /// The name of the screen on show.
    var screenName: String {
        switch state.screen {
        case .signIn: return "signIn"
        case .home: return "home"
        case .checkIn: return "checkIn"
        case .certificateLookup: return "certificateLookup"
        case .questionnaire: return "questionnaire"
        case .vitals: return "vitals"
        case .decision: return "decision"
        case .collection: return "collection"
        case .certificate: return "certificate"
        case .day: return "day"
        case .settings: return "settings"
        case .syncProblems: return "syncProblems"
        case .selfService(let screen):
            switch screen.step {
            case .attract: return "selfService.attract"
            case .factor: return "selfService.factor"
            case .page: return "selfService.page"
            case .question: return "selfService.question"
            case .finished: return "selfService.finished"
            case .staff: return "selfService.staff"
            }
        }
    }
}
