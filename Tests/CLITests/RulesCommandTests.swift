import Foundation
import KioskTestSupport
import Testing

/// `kiosk rules eligibility` and `kiosk rules card` on donor files, as a blood centre would run them.
@Suite struct RulesCommandTests {
    func json(_ run: ProductBinary.Run) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "stdout: \(run.stdout) stderr: \(run.stderr)")
    }

    @Test func exampleDonorIsRefusedWholeBloodWithTheDate() throws {
        let run = try ProductBinary.run("kiosk", ["rules", "eligibility", "docs/examples/donor.json", "--procedure", "whole_blood", "--on", "2026-11-26", "--json"])
        #expect(run.status == 1)
        let object = try json(run)
        #expect(object["status"] as? String == "ineligible")
        #expect(object["policy"] as? String == "taiyuan@2026.06")
        let codes = (object["failures"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["interval.whole_blood.whole_blood", "deferral.temporary"])
        let next = object["next_possible"] as? [String: String]
        #expect(next == ["whole_blood": "2027-02-28", "platelets": "2027-02-01", "plasma": "2027-02-01"])

        let text = try ProductBinary.run("kiosk", ["rules", "eligibility", "docs/examples/donor.json", "--procedure", "whole_blood", "--on", "2026-11-26"])
        #expect(text.stdout.contains("距上次献全血（2026-08-31）未满6个月，2027-02-28 起可献全血"))
    }

    @Test func eligibleDonorExitsZero() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.json", """
            {"donor": {"sex": "female", "birth_date": "1995-02-28"},
             "history": [{"date": "2026-01-10", "kind": "whole_blood", "volume_ml": 200}],
             "vitals": {"weight_kg": 52, "systolic": 110, "diastolic": 70, "pulse": 70, "temperature_c": 36.5, "haemoglobin": 125}}
            """)
        let run = try ProductBinary.run("kiosk", ["rules", "eligibility", folder.path("d.json"), "--procedure", "whole_blood", "--on", "2026-07-10", "--lang", "en"])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("✓ May donate (Whole blood, 2026-07-10, taiyuan@2026.06)"))
    }

    @Test func permanentDeferralReasonOnlyForSupervisors() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.json", """
            {"id_number": "34052419800101001X",
             "deferrals": [{"rule": "infection_marker", "source": "lab", "from": "2026-03-01"}]}
            """)
        let volunteer = try json(ProductBinary.run("kiosk", ["rules", "eligibility", folder.path("d.json"), "--procedure", "platelets", "--on", "2026-11-26", "--as", "volunteer", "--json"]))
        let failures = volunteer["failures"] as! [[String: Any]]
        #expect(failures.count == 1)
        #expect(failures[0]["message_key"] as? String == "eligibility.see_nurse")
        #expect(failures[0]["message"] as? String == "暂不能献血，请至护士处")
        #expect((failures[0]["values"] as? [String: String]) == [:])
        #expect((volunteer["next_possible"] as? [String: Any])?["platelets"] is NSNull)

        let supervisor = try ProductBinary.run("kiosk", ["rules", "eligibility", folder.path("d.json"), "--procedure", "platelets", "--on", "2026-11-26", "--as", "supervisor"])
        #expect(supervisor.stdout.contains("永久不宜献血：血液检测阳性（来源：血液检测）"))
    }

    @Test func cardUnderTaiyuanAndZhejiang() throws {
        let taiyuan = try ProductBinary.run("kiosk", ["rules", "card", "docs/examples/donor.json", "--on", "2026-11-26", "--json"])
        #expect(taiyuan.status == 0)
        let card = try json(taiyuan)
        #expect(card["card"] as? String == "annual")
        #expect((card["annual"] as? [String: Any])?["valid_through"] as? String == "2027-08-30")
        #expect((card["tier"] as? [String: Any])?["id"] as? String == "blue")
        #expect(card["card_counts"] as? Double == 5.5)
        #expect(((card["benefits"] as? [String: Any])?["scenic_spots"] as? [Any])?.count == 14)

        let zhejiang = try ProductBinary.run("kiosk", ["rules", "card", "docs/examples/donor.json", "--on", "2026-11-26", "--policy", "assets/policy/zhejiang.toml", "--json"])
        #expect(zhejiang.status == 1)
        let none = try json(zhejiang)
        #expect(none["card"] is NSNull || none["card"] == nil)
        #expect(none["policy"] as? String == "zhejiang@2026.01")
    }

    @Test func badDonorFileIsOneLineAndExitTwo() throws {
        let folder = try TemporaryFolder()
        try folder.write("d.json", #"{"donor": {"sex": "male", "birth_date": "1990-02-30"}}"#)
        let run = try ProductBinary.run("kiosk", ["rules", "card", folder.path("d.json"), "--on", "2026-11-26"])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr == "kiosk: \(folder.path("d.json")): donor.birth_date: '1990-02-30' is not a date of the form YYYY-MM-DD\n")

        try folder.write("e.json", #"{"id_number": "340524198001010013"}"#)
        let wrongCheck = try ProductBinary.run("kiosk", ["rules", "card", folder.path("e.json")])
        #expect(wrongCheck.status == 2)
        #expect(wrongCheck.stderr.contains("id_number:"))
        #expect(!wrongCheck.stderr.contains("340524198001010013"))
    }
}
