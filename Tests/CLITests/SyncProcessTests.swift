import DonorCore
import Foundation
import KioskStore
import KioskTestSupport
import SyncWire
import Testing

/// Two houses and the centre as real processes: a donation recorded at house A while the centre
/// is down waits in A's outbox, reaches the centre when it is back, and house B then refuses
/// the same donor whole blood until the right date.
extension CentralCommandTests {
    /// A kiosk house folder enrolled against `port`.
    /// `server` replaces the `[server]` table's lines (default: plain HTTP to `port`).
    func kioskHouse(_ folder: TemporaryFolder, id: String, port: Int, extra: String = "", server: String? = nil) throws -> String {
        let policy = ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path
        try folder.write("\(id)/kiosk.conf", """
            [house]
            id = "\(id)"
            name = "\(id)"
            [policy]
            file = "\(policy)"
            [server]
            \(server ?? "url = \"http://127.0.0.1:\(port)\"")
            [ui]
            language = "en"
            self_service_idle_seconds = 60
            staff_idle_seconds = 300
            [data]
            directory = "data"
            key_file = "data/kiosk.key"
            \(extra)
            """)
        return folder.path("\(id)/kiosk.conf")
    }

    /// The centre's houses yingze and xinghualing, each with a kiosk folder (`extra` added to
    /// both kiosk.conf files) enrolled against the centre, which is left running.
    func twoEnrolledHouses(_ folder: TemporaryFolder, conf: String, port: Int, extra: String = "") throws
        -> (a: String, b: String, server: Process) {
        for house in ["yingze", "xinghualing"] {
            #expect(try central(["house", "add", "--id", house, "--name", house], conf).status == 0)
        }
        let a = try kioskHouse(folder, id: "yingze", port: port, extra: extra)
        let b = try kioskHouse(folder, id: "xinghualing", port: port, extra: extra)
        let server = try startCentral(conf, port: port)
        do {
            try enroll([("yingze", a), ("xinghualing", b)], centralConf: conf)
        } catch {
            server.terminate()
            server.waitUntilExit()
            throw error
        }
        return (a, b, server)
    }

    /// Enrols each house's kiosk (`conf`: its kiosk.conf) with a one-time token from the centre,
    /// which must be running.
    func enroll(_ houses: [(id: String, conf: String)], centralConf conf: String) throws {
        for house in houses {
            let token = try central(["enroll-token", "--house", house.id], conf).stdout.trimmingCharacters(in: .newlines)
            let enrolled = try ProductBinary.run("kiosk", ["enroll", "--token", token, "--config", house.conf])
            try #require(enrolled.status == 0, "\(enrolled.stdout)\(enrolled.stderr)")
        }
    }

    func startCentral(_ conf: String, port: Int, environment: [String: String] = [:]) throws -> Process {
        let server = Process()
        server.executableURL = URL(fileURLWithPath: ProductBinary.path("kiosk-central"))
        server.arguments = ["serve", "--config", conf]
        server.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        server.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        // Up to two minutes: the whole suite runs in parallel on two cores in CI.
        var healthy = false
        for _ in 0..<1200 {
            healthy = try curl(["-s", "http://127.0.0.1:\(port)/healthz"]).contains("ok")
            if healthy || !server.isRunning { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        try #require(healthy, "kiosk-central did not answer /healthz on port \(port) (running: \(server.isRunning))")
        return server
    }

    /// Supervisor 3001 (Zhang) added to `house` with the CLI, then signed in to the kiosk in tmux
    /// at 100×30 in English.
    func signedInSupervisor(_ folder: TemporaryFolder, house: String) throws -> TmuxSession {
        let added = try ProductBinary.run("kiosk", ["staff", "add", "--number", "3001", "--name", "Zhang", "--role", "supervisor",
                                                    "--config", house], stdin: "315926\n")
        #expect(added.status == 0, "\(added.stderr)")
        let session = try TmuxSession(command: ProductBinary.path("kiosk") + " --config " + house, width: 100, height: 30,
                                      environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"], directory: folder.url)
        do {
            try session.waitFor("Staff no.", timeout: 30)
            try session.type("3001")
            try session.press("Enter")
            try session.type("315926")
            try session.press("Enter")
        } catch {
            session.kill()
            throw error
        }
        return session
    }

    func json(_ run: ProductBinary.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\(run.stderr)")
    }

    @Test func aDonationMadeOfflineAtOneHouseIsRefusedAtAnotherAfterSync() throws {
        let folder = try TemporaryFolder()
        let port = Int.random(in: 20_000...45_000)
        let conf = try configure(folder, port: port)
        var (houseA, houseB, server) = try twoEnrolledHouses(folder, conf: conf, port: port)
        server.terminate()
        server.waitUntilExit()

        // The centre is down: house A registers a donor and records whole blood, as its screens do.
        let idNumber = residentID("14010519900512002")
        let store = try KioskStore.open(directory: folder.path("yingze/data"), keyFile: folder.path("yingze/data/kiosk.key"), deviceName: "yingze")
        let donor = try store.registerDonor(
            RegistryDonor(idNumber: idNumber, name: "周同步", sex: .male, birthDate: LocalDate(year: 1990, month: 5, day: 12)!), author: "2001")
        _ = try store.recordDonation(for: donor, DonationFacts(date: LocalDate(year: 2026, month: 8, day: 31)!, kind: .wholeBlood,
                                                             volumeML: 400, bagNumber: "8800000001"), author: "2001")
        try store.close()

        let offline = try ProductBinary.run("kiosk", ["sync", "--once", "--json", "--config", houseA])
        #expect(offline.status == 1)
        #expect(try json(offline)["ok"] as? Bool == false)
        let said = try ProductBinary.run("kiosk", ["sync", "--once", "--config", houseA])
        #expect(said.status == 1)
        #expect(said.stdout == "✗ Not synced: the blood centre cannot be reached. 0 sent, 2 still waiting; nothing is lost, try again later\n")
        let waiting = try json(try ProductBinary.run("kiosk", ["status", "--json", "--config", houseA]))
        #expect(waiting["pending"] as? Int == 2)
        #expect(waiting["last_error"] is String)
        #expect(waiting["online"] as? Bool == false)

        // The centre is back: A sends, B receives.
        server = try startCentral(conf, port: port)
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        let sent = try ProductBinary.run("kiosk", ["sync", "--once", "--json", "--config", houseA])
        #expect(sent.status == 0, "\(sent.stdout)\(sent.stderr)")
        let sentSummary = try json(sent)["summary"] as? [String: Any]
        #expect(sentSummary?["pushed"] as? Int == 2)
        #expect(sentSummary?["pending_after"] as? Int == 0)
        let received = try ProductBinary.run("kiosk", ["sync", "--once", "--json", "--config", houseB])
        #expect(received.status == 0, "\(received.stdout)\(received.stderr)")
        #expect((try json(received)["summary"] as? [String: Any])?["pulled"] as? Int ?? 0 >= 2)

        // B knows the donor now and refuses whole blood until six months after 31 August.
        let decision = try ProductBinary.run("kiosk", ["eligibility", idNumber, "--procedure", "whole_blood", "--on", "2026-09-15",
                                                       "--json", "--config", houseB])
        #expect(decision.status == 1, "\(decision.stdout)\(decision.stderr)")
        let body = try json(decision)
        #expect(body["status"] as? String == "ineligible")
        #expect((body["next_possible"] as? [String: Any])?["whole_blood"] as? String == "2027-02-28")
        let settled = try json(try ProductBinary.run("kiosk", ["status", "--json", "--config", houseA]))
        #expect(settled["pending"] as? Int == 0)
        #expect(settled["last_push"] is String)
        #expect(settled["online"] as? Bool == true)
    }
}

/// The header follows the link: an enrolled kiosk in tmux shows Online, Offline when the centre
/// stops, and Online again when it is back. The volunteer keeps working in between: a donor
/// registered offline waits in the header's count and reaches the centre once it is back.
extension CentralCommandTests {
    @Test func theHeaderFollowsTheCentreGoingAwayAndComingBack() throws {
        let folder = try TemporaryFolder()
        let port = Int.random(in: 20_000...45_000)
        let conf = try configure(folder, port: port)
        #expect(try central(["house", "add", "--id", "yingze", "--name", "yingze"], conf).status == 0)
        let house = try kioskHouse(folder, id: "yingze", port: port, extra: "[sync]\nbackoff_cap_seconds = 3\n")
        var server = try startCentral(conf, port: port)
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }
        try enroll([("yingze", house)], centralConf: conf)
        let session = try signedInSupervisor(folder, house: house)
        defer { session.kill() }
        try session.waitFor("Zhang")
        let online = try session.waitFor("Online", timeout: 20)
        #expect(online.contains("0 to sync"))
        // The running screens' sync is written down for `kiosk status` in another process.
        Thread.sleep(forTimeInterval: 4)
        let status = try json(try ProductBinary.run("kiosk", ["status", "--json", "--config", house]))
        #expect(status["last_pull"] is String)
        #expect(status["online"] as? Bool == true)

        // Unplugged: the centre dies at once (SIGKILL), mid long-poll.
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
        let offline = try session.waitFor("Offline", timeout: 60)
        #expect(offline.contains("Zhang"))

        // The volunteer keeps working: a new donor is registered offline and waits to be sent.
        try session.press("F2")
        try session.waitFor("Scan or type the ID number")
        try session.type(residentID("14010519900512002"))
        try session.press("Enter")
        try session.waitFor("New donor")
        try session.type("Zhou Tongbu")
        try session.press("Tab")
        try session.type("13912345678")
        try session.press("Tab")
        try session.type("A")
        try session.press("Enter")
        let waiting = try session.waitFor("Offline · 1 to sync", timeout: 10)
        #expect(waiting.contains("Health questions · Zhou Tongbu"))

        // Plugged back in: the header and the centre catch up by themselves.
        server = try startCentral(conf, port: port)
        try session.waitFor("Online · 0 to sync", timeout: 60)
        let stats = try json(try central(["stats", "--json"], conf))
        #expect(stats["donors"] as? Int == 1 && stats["events"] as? Int == 1, "\(stats)")
    }
}
