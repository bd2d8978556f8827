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
}
