import Foundation
import KioskTestSupport
import Testing

/// `--config FILE`: a bad value is one line naming the key and the line, never a crash.
@Suite struct ConfigFileTests {
    let good = """
        [house]
        id = "house-7"
        name = "迎泽献血屋"

        [policy]
        file = "POLICY"

        [ui]
        language = "en"
        self_service_idle_seconds = 60
        staff_idle_seconds = 300

        [data]
        directory = "data"
        key_file = "data/kiosk.key"
        """

    func write(_ text: String, in folder: TemporaryFolder) throws -> String {
        let policy = ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path
        try folder.write("kiosk.conf", text.replacingOccurrences(of: "POLICY", with: policy))
        return folder.path("kiosk.conf")
    }

    @Test func configuredLanguageAndPolicyAreUsed() throws {
        let folder = try TemporaryFolder()
        let conf = try write(good, in: folder)
        let run = try ProductBinary.run("kiosk", ["rules", "eligibility", "docs/examples/donor.json", "--procedure", "platelets", "--on", "2026-11-26", "--config", conf])
        #expect(run.stdout.hasPrefix("✗ Cannot donate today (Apheresis platelets, 2026-11-26, taiyuan@2026.06)"), "\(run.stdout)\(run.stderr)")
    }

    @Test func withoutAConfigFileTheDemoHouseIsUsed() throws {
        let folder = try TemporaryFolder()
        let example = ProductBinary.packageRoot.appendingPathComponent("docs/examples/donor.json").path
        let run = try ProductBinary.run("kiosk", ["rules", "card", example, "--on", "2026-11-26"], currentDirectory: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("✓ 年卡，有效期至 2027-08-30\n"))
    }

    @Test(arguments: [
        ("language = \"en\"", "language = \"fr\"", "ui.language: unknown language \"fr\" (expected \"zh-Hans\" or \"en\")"),
        ("self_service_idle_seconds = 60", "self_service_idle_seconds = 3", "ui.self_service_idle_seconds: must be at least 10 (got 3)"),
        ("self_service_idle_seconds = 60", "self_service_idle_seconds = \"60\"", "ui.self_service_idle_seconds: expected an integer, found string"),
        ("id = \"house-7\"", "id = \"house 7\"", "house.id: use only letters, digits, '-' and '_' (got \"house 7\")"),
        ("[data]\ndirectory = \"data\"\n", "[data]\n", "data.directory: missing key"),
    ])
    func badValueNamesKeyAndLine(original: String, replacement: String, message: String) throws {
        let folder = try TemporaryFolder()
        let text = good.replacingOccurrences(of: original, with: replacement)
        let conf = try write(text, in: folder)
        let lines = text.components(separatedBy: "\n")
        let changed = replacement.components(separatedBy: "\n")[0]
        var line = lines.firstIndex { $0 == changed }! + 1
        if message.hasSuffix("missing key") { line = lines.firstIndex { $0 == "[data]" }! + 1 }
        let run = try ProductBinary.run("kiosk", ["rules", "card", "docs/examples/donor.json", "--config", conf])
        #expect(run.status == 2)
        #expect(run.stderr == "kiosk: \(conf):\(line): \(message)\n")
    }
}
