import Foundation
import Testing
@testable import DonorCore

/// Which configurations are the demo house (seeded city and demo staff on first start).
@Suite struct KioskConfigurationTests {
    /// The kiosk.conf at the project's root is what `scripts/kiosk` opens from there: it must be
    /// the demo house, or a newcomer meets a sign-in screen with no staff to sign in as.
    @Test func theShippedConfigurationsAreTheDemoHouse() throws {
        let root = try KioskConfiguration.load(path: "\(TestPolicies.root)/kiosk.conf")
        #expect(root.isDemo)
        #expect(root.houseID == "demo-house")
        let demo = try KioskConfiguration.load(path: "\(TestPolicies.root)/assets/demo/kiosk.conf")
        #expect(demo.isDemo)
    }

    @Test func aHouseConfigurationWithoutTheKeyIsNotTheDemo() throws {
        let text = try String(contentsOfFile: "\(TestPolicies.root)/kiosk.conf", encoding: .utf8)
            .replacingOccurrences(of: "demo = true", with: "# not the demo")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("house-\(UUID().uuidString).conf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let house = try KioskConfiguration.load(path: path)
        #expect(!house.isDemo)
        #expect(house.file == path)
    }

    @Test func demoMustBeTrueOrFalse() throws {
        let text = try String(contentsOfFile: "\(TestPolicies.root)/kiosk.conf", encoding: .utf8)
            .replacingOccurrences(of: "demo = true", with: "demo = \"yes\"")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("house-\(UUID().uuidString).conf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: PolicyError.self) { try KioskConfiguration.load(path: path) }
    }

    @Test func theSyncTimingsComeFromTheSyncTable() throws {
        let root = try KioskConfiguration.load(path: "\(TestPolicies.root)/kiosk.conf")
        #expect(root.sync == SyncConfiguration(longPollSeconds: 30, backoffBaseSeconds: 1, backoffCapSeconds: 300, pushBatchSize: 500, pageSize: 500))
        let text = try String(contentsOfFile: "\(TestPolicies.root)/kiosk.conf", encoding: .utf8)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("house-\(UUID().uuidString).conf").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try text.replacingOccurrences(of: "long_poll_seconds = 30", with: "long_poll_seconds = 90").write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: PolicyError.self) { try KioskConfiguration.load(path: path) }
        #expect(error.key == "sync.long_poll_seconds")
        #expect(error.line == text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("long_poll_seconds") }.map { $0 + 1 })
        #expect(error.message == "the centre holds a pull open 60 seconds at most (got 90)")
        try text.replacingOccurrences(of: "page_size = 500", with: "page_size = 5000").write(toFile: path, atomically: true, encoding: .utf8)
        let page = try #require(throws: PolicyError.self) { try KioskConfiguration.load(path: path) }
        #expect(page.key == "sync.page_size" && page.message == "the centre serves 1000 events per page at most (got 5000)")
        let none = text.components(separatedBy: "\n").filter { !$0.hasPrefix("long_poll") && !$0.hasPrefix("backoff") && !$0.hasPrefix("push_batch") && !$0.hasPrefix("page_size") }
        try none.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try KioskConfiguration.load(path: path).sync == SyncConfiguration())
    }

    /// `[server] ca_file`: a private authority for the centre's certificate, read relative to the
    /// file; an unreadable file or one without a certificate is refused at load with its key.
    @Test func theCentresCertificateAuthorityFileIsCheckedWhenLoaded() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func load(_ server: String) throws -> KioskConfiguration { try Self.loadShipped(server: server, in: folder) }
        #expect(try load("").serverCAFile == nil)
        let missing = try #require(throws: PolicyError.self) { try load("ca_file = \"centre-ca.pem\"") }
        #expect(missing.key == "server.ca_file" && missing.message == "cannot read \(folder.appendingPathComponent("centre-ca.pem").path)")
        try "not a certificate".write(to: folder.appendingPathComponent("centre-ca.pem"), atomically: true, encoding: .utf8)
        let empty = try #require(throws: PolicyError.self) { try load("ca_file = \"centre-ca.pem\"") }
        #expect(empty.message == "\(folder.appendingPathComponent("centre-ca.pem").path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".write(to: folder.appendingPathComponent("centre-ca.pem"), atomically: true, encoding: .utf8)
        #expect(try load("ca_file = \"centre-ca.pem\"").serverCAFile == folder.appendingPathComponent("centre-ca.pem").path)
    }

    @Test func theHousesProxyMustBeAnHTTPAddressWithAPort() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func load(_ server: String) throws -> KioskConfiguration { try Self.loadShipped(server: server, in: folder) }
        #expect(try load("").serverProxy == nil)
        #expect(try load("proxy = \"http://10.0.0.1:3128\"").serverProxy == "http://10.0.0.1:3128")
        for bad in ["socks5://10.0.0.1:1080", "http://10.0.0.1", "10.0.0.1:3128"] {
            let refused = try #require(throws: PolicyError.self) { try load("proxy = \"\(bad)\"") }
            #expect(refused.key == "server.proxy" && refused.message == "expected http://host:port (got \"\(bad)\")")
        }
    }

    /// A new empty folder under the temporary directory; the caller removes it.
    private static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-conf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The shipped kiosk.conf, written into `folder` with a centre address and `server`'s lines
    /// in its `[server]` table, and loaded (relative paths resolve against `folder`).
    private static func loadShipped(server: String, in folder: URL) throws -> KioskConfiguration {
        let text = try String(contentsOfFile: "\(TestPolicies.root)/kiosk.conf", encoding: .utf8)
            .replacingOccurrences(of: "file = \"assets/", with: "file = \"\(TestPolicies.root)/assets/")
        let path = folder.appendingPathComponent("kiosk.conf").path
        try text.replacingOccurrences(of: "# url = \"https://blood-centre.example/kiosk\"", with: "url = \"https://centre.example\"\n" + server + " #")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try KioskConfiguration.load(path: path)
    }
}
