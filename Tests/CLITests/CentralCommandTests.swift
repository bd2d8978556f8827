import Foundation
import KioskTestSupport
import Testing

/// `kiosk-central`'s admin commands and `serve`, run as an operator would run them.
@Suite struct CentralCommandTests {
    /// A central.conf in a scratch folder with an SQLite database and keys beside it.
    func configure(_ folder: TemporaryFolder, port: Int = 8080, extra: String = "") throws -> String {
        let policy = ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path
        try folder.write("central.conf", """
            [server]
            host = "127.0.0.1"
            port = \(port)
            [database]
            url = "sqlite:data/central.sqlite"
            [policy]
            file = "\(policy)"
            [keys]
            dir = "keys"
            \(extra)
            """)
        return folder.path("central.conf")
    }

    func central(_ arguments: [String], _ conf: String, environment: [String: String] = [:]) throws -> ProductBinary.Run {
        try ProductBinary.run("kiosk-central", arguments + ["--config", conf], environment: environment)
    }

    @Test func housesTokensAndReviewListsFromTheCommandLine() throws {
        let folder = try TemporaryFolder()
        let conf = try configure(folder)
        let added = try central(["house", "add", "--id", "yingze", "--name", "迎泽献血屋"], conf)
        #expect(added.status == 0 && added.stdout == "added house yingze (迎泽献血屋) in taiyuan\n", "\(added.stderr)")
        let again = try central(["house", "add", "--id", "yingze", "--name", "x"], conf)
        #expect(again.status == 2 && again.stderr == "kiosk-central: A house with id yingze exists already.\n")
        let token = try central(["enroll-token", "--house", "yingze"], conf)
        #expect(token.status == 0 && token.stdout.trimmingCharacters(in: .newlines).count == 34)
        let noHouse = try central(["enroll-token", "--house", "nowhere"], conf)
        #expect(noHouse.status == 2 && noHouse.stderr.contains("There is no house nowhere"))
        #expect(try central(["quarantine", "list", "--json"], conf).stdout == "[\n\n]\n")
        #expect(try central(["flags", "list", "--json"], conf).stdout == "[\n\n]\n")
        let stats = try central(["stats", "--json"], conf)
        #expect(stats.status == 0 && stats.stdout.contains("\"id\" : \"yingze\"") && stats.stdout.contains("\"volume_ml\" : 0"))
        #expect(FileManager.default.fileExists(atPath: folder.path("data/central.sqlite")))
        let keyMode = try FileManager.default.attributesOfItem(atPath: folder.path("keys/server.key"))[.posixPermissions] as? Int
        #expect(keyMode == 0o600)
        let revoke = try central(["device", "revoke", "dev-missing"], conf)
        #expect(revoke.status == 2 && revoke.stderr == "kiosk-central: there is no device dev-missing\n")
        let verify = try central(["verify", "not-a-card"], conf)
        #expect(verify.status == 1 && verify.stdout == "malformed: This is not a card QR code.\n")
    }

    @Test func labDeferralsForAnUnknownDonorNeverEchoTheIDNumber() throws {
        let folder = try TemporaryFolder()
        let conf = try configure(folder)
        let add = try central(["deferral", "add", "--id-number", "34052419800101001X", "--rule", "infection_marker"], conf)
        #expect(add.stderr == "kiosk-central: No donor with this ID number is in the registry.\n")
        #expect(add.status == 2)
        #expect(!add.stderr.contains("34052419800101001X") && !add.stdout.contains("34052419800101001X"))
        try folder.write("lab.csv", "id_number,rule,from,until\n34052419800101001X,tattoo,2026-13-01,\n")
        let imported = try central(["deferral", "import", folder.path("lab.csv")], conf)
        #expect(imported.status == 2 && imported.stderr.contains("line 2: 'from' must be a date YYYY-MM-DD"), "\(imported.stderr)")
        #expect(!imported.stderr.contains("34052419800101001X"))
    }

    @Test(arguments: [
        ("port = 8080", "port = 70000", "server.port: must be at most 65535 (got 70000)"),
        ("url = \"sqlite:data/central.sqlite\"", "url = \"mysql://x\"", "database.url: expected sqlite:PATH or a postgres:// URL (got \"mysql://x\")"),
        ("port = 8080", "port = \"eighty\"", "server.port: expected an integer, found string"),
    ])
    func aBadConfigurationValueIsOneLineNamingTheKey(_ from: String, _ to: String, _ message: String) throws {
        let folder = try TemporaryFolder()
        let conf = try configure(folder)
        try String(contentsOfFile: conf, encoding: .utf8).replacingOccurrences(of: from, with: to).write(toFile: conf, atomically: true, encoding: .utf8)
        let run = try central(["stats"], conf)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("kiosk-central: \(conf):") && run.stderr.hasSuffix("\(message)\n"), "\(run.stderr)")
    }

    @Test func theEnvironmentNamesTheDatabaseAndTheFlagWinsOverIt() throws {
        let folder = try TemporaryFolder()
        let conf = try configure(folder)
        let env = ["KIOSK_CENTRAL_DATABASE": "sqlite:" + folder.path("env.sqlite")]
        #expect(try central(["house", "add", "--id", "a", "--name", "A"], conf, environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("env.sqlite")))
        #expect(try central(["house", "add", "--id", "b", "--name", "B", "--database", "sqlite:" + folder.path("flag.sqlite")], conf, environment: env).status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.path("flag.sqlite")))
        let bad = try central(["stats"], conf, environment: ["KIOSK_CENTRAL_DATABASE": "postgres://"])
        #expect(bad.status == 2 && bad.stderr.contains("KIOSK_CENTRAL_DATABASE: expected sqlite:PATH or a postgres:// URL"))
    }

    /// SIGTERM while a long-poll is in flight: the poll is answered, then the server exits 0.
    @Test func serveAnswersAndShutsDownGracefully() throws {
        let folder = try TemporaryFolder()
        let port = Int.random(in: 20_000...45_000)
        let conf = try configure(folder, port: port)
        #expect(try central(["house", "add", "--id", "h1", "--name", "H"], conf).status == 0)
        let token = try central(["enroll-token", "--house", "h1"], conf).stdout.trimmingCharacters(in: .newlines)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: ProductBinary.path("kiosk-central"))
        server.arguments = ["serve", "--config", conf]
        server.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        let base = "http://127.0.0.1:\(port)"
        var health = ""
        for _ in 0..<100 where !health.contains("ok") {
            Thread.sleep(forTimeInterval: 0.1)
            health = try curl(["-s", "\(base)/healthz"])
        }
        #expect(health == #"{"status":"ok"}"#)
        let enrolled = try curl(["-s", "-X", "POST", "\(base)/v1/enroll", "-d", "{\"token\":\"\(token)\"}"])
        let bearer = try #require(try JSONSerialization.jsonObject(with: Data(enrolled.utf8)) as? [String: Any])["bearer"] as? String
        let poll = Process()
        poll.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        poll.arguments = ["-s", "-o", folder.path("poll.json"), "-w", "%{http_code}", "-H", "Authorization: Bearer \(try #require(bearer))",
                          "\(base)/v1/changes?after=0&wait=3"]
        let pollOut = Pipe()
        poll.standardOutput = pollOut
        try poll.run()
        Thread.sleep(forTimeInterval: 0.7)
        kill(server.processIdentifier, SIGTERM)
        poll.waitUntilExit()
        server.waitUntilExit()
        #expect(String(decoding: pollOut.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "200")
        #expect(server.terminationStatus == 0)
    }

    func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
