import Foundation
import KioskTestSupport
import Testing

/// `kiosk import donors`, `donor show`, `eligibility` and `backup` on a store in a scratch
/// data folder, run through the real binary.
@Suite struct StoreCommandTests {
    let zhang = residentID("34052419800101001")   // male, 1980-01-01
    let li = residentID("34052419900215002")      // female, 1990-02-15
    let wang = residentID("34052419920505004")    // female, 1992-05-05

    var donorsCSV: String {
        """
        id_number,name,sex,birth_date,phone,blood_type
        \(zhang),张伟,male,1980-01-01,13800138000,A+
        \(li),李娜,,,,O

        """
    }

    var donationsCSV: String {
        """
        id_number,date,kind,volume_ml,doses,outcome,region
        \(zhang),2025-03-01,whole_blood,400,,,
        \(zhang),2025-09-10,platelets,,2,,
        \(li),2026-01-10,whole_blood,200,,complete,

        """
    }

    @Test func goodRegistryImportsEveryRowAndExitsZero() throws {
        let house = try TestHouse()
        try house.folder.write("donors.csv", donorsCSV)
        try house.folder.write("donations.csv", donationsCSV)
        let (run, report) = try house.json(["import", "donors", house.folder.path("donors.csv"), "--donations", house.folder.path("donations.csv")])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(report["donors"] as? Int == 2)
        #expect(report["donations"] as? Int == 3)
        #expect(report["imported"] as? Bool == true)
        #expect((report["rejected"] as? [Any])?.isEmpty == true)
        #expect(try house.donorCount() == 2)
        // stderr is a pipe here: plain progress lines, no carriage returns.
        #expect(run.stderr.contains("(100%)\n"), "\(run.stderr)")
        #expect(!run.stderr.contains("\r"))
    }

    @Test func oneBadRowRejectsTheWholeFileAndNamesTheLine() throws {
        let house = try TestHouse()
        try house.folder.write("donors.csv", donorsCSV)
        #expect(try house.kiosk(["import", "donors", house.folder.path("donors.csv")]).status == 0)
        let wrongCheck = String(wang.dropLast()) + (wang.last == "1" ? "2" : "1")
        try house.folder.write("bad.csv", """
            id_number,name,sex,birth_date,phone,blood_type
            \(wang),王芳,female,1992-05-05,,
            \(wrongCheck),赵强,,,,

            """)
        let run = try house.kiosk(["import", "donors", house.folder.path("bad.csv")])
        #expect(run.status == 1)
        #expect(run.stdout.contains("bad.csv:3: invalid ID number in column id_number"), "\(run.stdout)")
        #expect(!run.stdout.contains(wrongCheck))
        // Nothing was stored: not even the good row on line 2.
        #expect(try house.donorCount() == 2)
        #expect(try house.kiosk(["donor", "show", wang]).status == 1)

        let skipped = try house.kiosk(["import", "donors", house.folder.path("bad.csv"), "--skip-rejected"])
        #expect(skipped.status == 1)
        #expect(try house.donorCount() == 3)
        // Importing the same person again is refused by line, not stored twice.
        let again = try house.kiosk(["import", "donors", house.folder.path("donors.csv")])
        #expect(again.status == 1)
        #expect(again.stdout.contains("donors.csv:2: a donor with this ID number is already in the store"), "\(again.stdout)")
        #expect(try house.donorCount() == 3)
    }

    @Test func aFileThatIsNotADonorsFileExitsTwo() throws {
        let house = try TestHouse()
        try house.folder.write("wrong.csv", "date,kind\n2026-01-01,whole_blood\n")
        let run = try house.kiosk(["import", "donors", house.folder.path("wrong.csv")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("wrong.csv:1: "), "\(run.stderr)")
        #expect(try house.kiosk(["import", "donors", house.folder.path("missing.csv")]).status == 2)
    }

    @Test func donorShowMasksTheNumberAndTotalsTheHistory() throws {
        let house = try TestHouse()
        try house.folder.write("donors.csv", donorsCSV)
        try house.folder.write("donations.csv", donationsCSV)
        #expect(try house.kiosk(["import", "donors", house.folder.path("donors.csv"), "--donations", house.folder.path("donations.csv")]).status == 0)

        let text = try house.kiosk(["donor", "show", zhang, "--on", "2026-05-01"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix("张伟（\(masked(zhang))）"), "\(text.stdout)")
        #expect(text.stdout.contains("献血 2 次，计 4 次；全血和血浆 400 ml，血小板 2 个治疗量"), "\(text.stdout)")
        #expect(!text.stdout.contains(zhang))

        let (run, summary) = try house.json(["donor", "show", zhang, "--on", "2026-05-01"])
        #expect(run.status == 0)
        #expect(!run.stdout.contains(zhang))
        let donor = try #require(summary["donor"] as? [String: Any])
        #expect(donor["masked_id_number"] as? String == masked(zhang))
        #expect(donor["age"] as? Int == 46)
        #expect(donor["blood_type"] as? String == "A+")
        #expect((summary["history"] as? [Any])?.count == 2)
        #expect(summary["counts"] as? Double == 4)
        #expect((summary["card"] as? [String: Any])?["card"] as? String == "annual")
        #expect((summary["next_possible"] as? [String: Any])?["whole_blood"] as? String == "2026-05-01")

        let absent = try house.kiosk(["donor", "show", wang])
        #expect(absent.status == 1)
        #expect(absent.stderr == "kiosk: 未找到该证件号码的献血者\n")
    }

    @Test func eligibilityReadsTheStoredHistory() throws {
        let house = try TestHouse(language: "en")
        try house.folder.write("donors.csv", donorsCSV)
        try house.folder.write("donations.csv", donationsCSV)
        #expect(try house.kiosk(["import", "donors", house.folder.path("donors.csv"), "--donations", house.folder.path("donations.csv")]).status == 0)
        // Li gave whole blood on 2026-01-10: six months later is 2026-07-10.
        let (run, decision) = try house.json(["eligibility", li, "--procedure", "whole_blood", "--on", "2026-05-01"])
        #expect(run.status == 1)
        #expect(decision["status"] as? String == "ineligible")
        let codes = (decision["failures"] as? [[String: Any]])?.compactMap { $0["code"] as? String }
        #expect(codes == ["interval.whole_blood.whole_blood"])
        #expect((decision["next_possible"] as? [String: Any])?["whole_blood"] as? String == "2026-07-10")
        let text = try house.kiosk(["eligibility", li, "--procedure", "whole_blood", "--on", "2026-08-01"])
        // No vitals saved today: the checks are missing, so the answer is "incomplete", exit 1.
        #expect(text.stdout.hasPrefix("… "), "\(text.stdout)")
        #expect(!text.stdout.contains(li))
    }

    @Test func backupIsVerifiedAndADamagedCopyFails() throws {
        let house = try TestHouse()
        try house.folder.write("donors.csv", donorsCSV)
        #expect(try house.kiosk(["import", "donors", house.folder.path("donors.csv")]).status == 0)
        let copy = house.folder.path("backup.sqlite")
        let (made, report) = try house.json(["backup", copy])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(report["intact"] as? Bool == true)
        #expect(report["donors"] as? Int == 2)
        #expect(try house.kiosk(["backup", copy]).status == 2)   // never overwrites

        let (verified, check) = try house.json(["backup", "--verify", copy])
        #expect(verified.status == 0)
        #expect(check["messages"] as? [String] == ["ok"])
        #expect(check["donors"] as? Int == 2)

        // Overwrite the header and the first pages: SQLite no longer recognises the file.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        let damaged = house.folder.path("damaged.sqlite")
        bytes.replaceSubrange(0..<min(8192, bytes.count), with: Data(repeating: 0x5A, count: min(8192, bytes.count)))
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let (bad, badReport) = try house.json(["backup", "--verify", damaged])
        #expect(bad.status == 1)
        #expect(badReport["intact"] as? Bool == false)

        // A copy cut short (a full USB stick) is just as unusable.
        let original = try Data(contentsOf: URL(fileURLWithPath: copy))
        let truncated = house.folder.path("truncated.sqlite")
        try original.prefix(original.count / 2).write(to: URL(fileURLWithPath: truncated))
        #expect(try house.kiosk(["backup", "--verify", truncated]).status == 1)
        #expect(try house.kiosk(["backup", "--verify", house.folder.path("none.sqlite")]).status == 2)
    }
}
