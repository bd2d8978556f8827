import Foundation
import KioskTestSupport
import Testing

/// A real house starts with no staff: the kiosk says how to create the first supervisor, and
/// `kiosk staff add` makes one who can then sign in at the screens and see the settings.
@Suite struct StaffCommandTests {
    @Test func aRealHouseWithoutStaffRefusesToOpenAndSaysWhatToRun() throws {
        let house = try TestHouse()
        let run = try house.kiosk([])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no staff account yet"))
        #expect(run.stderr.contains("kiosk staff add --config \(house.conf) --number N --name NAME --role supervisor"))
    }

    @Test func addListAndRefusals() throws {
        let house = try TestHouse()
        let added = try ProductBinary.run("kiosk", ["staff", "add", "--number", "9001", "--name", "王站长", "--role", "supervisor",
                                                    "--config", house.conf], stdin: "246810\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "✓ 9001 王站长 (supervisor)\n")

        let short = try ProductBinary.run("kiosk", ["staff", "add", "--number", "9002", "--name", "李", "--role", "nurse",
                                                    "--config", house.conf], stdin: "12\n")
        #expect(short.status == 2)
        #expect(short.stderr.contains("the PIN must be at least 6 digits"))
        for guessable in ["111111", "123456", "876543"] {
            let easy = try ProductBinary.run("kiosk", ["staff", "add", "--number", "9002", "--name", "李", "--role", "nurse",
                                                       "--config", house.conf], stdin: guessable + "\n")
            #expect(easy.status == 2)
            #expect(easy.stderr == "kiosk: the PIN is too easy to guess (one digit repeated, or digits in a row like 123456); choose another\n")
        }
        let twice = try ProductBinary.run("kiosk", ["staff", "add", "--number", "9001", "--name", "又一个", "--role", "nurse",
                                                    "--config", house.conf], stdin: "135790\n")
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("a staff account with this number exists"))
        let role = try ProductBinary.run("kiosk", ["staff", "add", "--number", "9003", "--name", "赵", "--role", "boss",
                                                   "--config", house.conf], stdin: "135790\n")
        #expect(role.status == 2)
        #expect(role.stderr == "kiosk: --role must be volunteer, nurse or supervisor (not boss)\n")

        let list = try house.kiosk(["staff", "list", "--json"])
        let accounts = try #require(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(accounts.count == 1)
        #expect(accounts.first?["number"] as? String == "9001")
        #expect(accounts.first?["role"] as? String == "supervisor")
        #expect(accounts.first?["locked"] as? Bool == false)
        #expect(!list.stdout.contains("246810"))
    }

    @Test func theFirstSupervisorSignsInAtTheScreens() throws {
        let house = try TestHouse()
        let added = try ProductBinary.run("kiosk", ["staff", "add", "--number", "9001", "--name", "王站长", "--role", "supervisor",
                                                    "--config", house.conf], stdin: "246810\n")
        #expect(added.status == 0, "\(added.stderr)")
        let session = try TmuxSession(
            command: ProductBinary.path("kiosk") + " --config " + house.conf, width: 80, height: 24,
            environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"], directory: house.folder.url)
        defer { session.kill() }
        try session.waitFor("工号", timeout: 30)
        try session.type("9001")
        try session.press("Enter")
        try session.type("246810")
        try session.press("Enter")
        let screen = try session.waitFor("王站长")
        #expect(screen.contains("测试献血屋"))
        // Settings (F7): the house as configured and the one account just made.
        try session.press("F7")
        let settings = try session.waitFor("工作人员（1）")
        #expect(settings.contains("测试献血屋 (test-house)"))
        #expect(settings.contains("未配置中心：仅离线工作"))
        #expect(settings.contains("9001     王站长"))
    }
}
