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
}
