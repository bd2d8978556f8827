import Foundation
import KioskTestSupport
import Testing

/// `kiosk policy check` as a blood centre's IT person would use it.
@Suite struct PolicyCheckCommandTests {
    @Test func shippedPoliciesAreValid() throws {
        for id in ["taiyuan", "zhejiang"] {
            let run = try ProductBinary.run("kiosk", ["policy", "check", "assets/policy/\(id).toml", "--json"])
            #expect(run.status == 0, "\(id): \(run.stdout) \(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            #expect(json["valid"] as? Bool == true)
        }
        let taiyuan = try ProductBinary.run("kiosk", ["policy", "check", "assets/policy/taiyuan.toml"])
        #expect(taiyuan.stdout.contains("taiyuan@2026.06"))
        #expect(taiyuan.stdout.contains("5 tiers, 15 scenic spots"))
    }

    @Test func negativeIntervalNamesFileKeyAndLine() throws {
        let folder = try TemporaryFolder()
        let original = try String(contentsOf: ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml"), encoding: .utf8)
        // Break the whole blood → platelets wait, the second interval rule.
        let target = "wait = { amount = 3, unit = \"months\" }\n\n[[intervals.rule]]\nafter = \"platelets\""
        #expect(original.contains(target))
        let broken = original.replacingOccurrences(of: target, with: target.replacingOccurrences(of: "amount = 3", with: "amount = -3"))
        let line = broken.components(separatedBy: "\n").firstIndex { $0.contains("amount = -3") }! + 1
        try folder.write("policy/bad.toml", broken)
        try folder.copyAssets("catalog")

        let run = try ProductBinary.run("kiosk", ["policy", "check", folder.path("policy/bad.toml")])
        #expect(run.status == 1)
        #expect(run.stdout == "✗ \(folder.path("policy/bad.toml")):\(line): intervals.rule[2].wait.amount: must not be negative (got -3)\n")

        let json = try ProductBinary.run("kiosk", ["policy", "check", folder.path("policy/bad.toml"), "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let error = object["error"] as! [String: Any]
        #expect(object["valid"] as? Bool == false)
        #expect(error["key"] as? String == "intervals.rule[2].wait.amount")
        #expect(error["line"] as? Int == line)
    }

    @Test func missingFileIsOneClearLine() throws {
        let run = try ProductBinary.run("kiosk", ["policy", "check", "/no/such/policy.toml"])
        #expect(run.status == 1)
        #expect(run.stdout == "✗ /no/such/policy.toml: cannot read the file (missing or not readable)\n")
    }
}
