import Testing
@testable import DonorCore

@Suite("Registry CSV import: donations.csv")
struct RegistryDonationsCSVTests {
    static let man = RegistryCSVTests.man
    static let header = "id_number,date,kind,volume_ml,doses,outcome,region"

    @Test("Rows become donations with defaults for outcome and region")
    func plainRows() {
        let result = RegistryCSV.parseDonations("""
        \(Self.header)
        \(Self.man),2025-03-01,whole_blood,400,,,
        \(Self.man),2025-07-01,platelets,,2,low_volume,jinzhong
        \(Self.man),2025-09-09,stem_cell,,,,
        """)
        #expect(result.rejected == [])
        #expect(result.rows.map(\.idNumber) == [Self.man, Self.man, Self.man])
        #expect(result.rows.map(\.donation) == [
            Donation(id: "csv-2", date: TestID.date(2025, 3, 1), kind: .wholeBlood, volumeML: 400),
            Donation(id: "csv-3", date: TestID.date(2025, 7, 1), kind: .platelets, doses: 2, outcome: .lowVolume, region: "jinzhong"),
            Donation(id: "csv-4", date: TestID.date(2025, 9, 9), kind: .stemCell),
        ])
    }

    @Test("Each rejection names its line and reason")
    func rejections() {
        let text = "date,kind,id_number,volume_ml,doses,outcome\r\n"
            + "2025-03-01,whole_blood,\(Self.man),400,,\r\n"      // 2 ok
            + "2025-03-01,whole_blood,\(Self.man),300,,\r\n"      // 3 duplicate
            + "2025-13-01,whole_blood,\(Self.man),400,,\r\n"      // 4 bad date
            + "2025-04-01,blood,\(Self.man),400,,\r\n"            // 5 bad kind
            + "2025-04-01,whole_blood,\(Self.man),,,\r\n"         // 6 missing volume
            + "2025-04-01,platelets,\(Self.man),400,,\r\n"        // 7 volume for platelets
            + "2025-04-01,whole_blood,\(Self.man),4OO,,\r\n"      // 8 bad volume
            + "2025-04-01,platelets,\(Self.man),,0,\r\n"          // 9 bad doses
            + "2025-04-01,platelets,\(Self.man),,1,done\r\n"      // 10 bad outcome
            + "2025-04-01,platelets,1234,,1,\r\n"                 // 11 bad id
            + "2025-04-01,platelets\r\n"                          // 12 wrong field count
        let masked = String(Self.man.prefix(4)) + "**********" + String(Self.man.suffix(4))
        let result = RegistryCSV.parseDonations(text)
        #expect(result.rows.count == 1)
        #expect(result.rejected == [
            RowRejection(line: 3, reason: "duplicate donation (\(masked), 2025-03-01, whole_blood): first on line 2"),
            RowRejection(line: 4, reason: "bad date '2025-13-01' in column date: expected YYYY-MM-DD"),
            RowRejection(line: 5, reason: "bad kind 'blood' in column kind: expected whole_blood, platelets, plasma or stem_cell"),
            RowRejection(line: 6, reason: "whole_blood needs volume_ml and no doses"),
            RowRejection(line: 7, reason: "platelets needs doses and no volume_ml"),
            RowRejection(line: 8, reason: "bad volume '4OO' in column volume_ml: expected a whole number of millilitres"),
            RowRejection(line: 9, reason: "bad doses '0' in column doses: expected a whole number"),
            RowRejection(line: 10, reason: "bad outcome 'done' in column outcome: expected complete, low_volume, not_drawn or aborted"),
            RowRejection(line: 11, reason: "invalid ID number in column id_number: Wrong length: got 4 characters; expected 18 (or 15 for an old number)."),
            RowRejection(line: 12, reason: "wrong number of fields: expected 6, found 2"),
        ])
    }

    @Test("The donations file needs its own header; a donors header is refused")
    func headerIsChecked() {
        let result = RegistryCSV.parseDonations("id_number,name\n\(Self.man),王伟\n")
        #expect(result.rows.isEmpty)
        #expect(result.rejected == [RowRejection(line: 1, reason: "unknown column 'name' in the header; allowed columns: id_number,date,kind,volume_ml,doses,outcome,region")])
    }

    @Test("Synthetic histories survive a write and a read, apart from ids and reactions")
    func roundTrip() {
        let city = SyntheticCity(seed: 42, today: RegistryCSVTests.today, policy: TestPolicies.taiyuan)
        let donors = city.donors(0..<1_000)
        let result = RegistryCSV.parseDonations(RegistryCSV.donationsCSV(donors))
        #expect(result.rejected == [])
        func key(_ idNumber: String, _ d: Donation) -> String {
            "\(idNumber) \(d.date) \(d.kind.rawValue) \(d.volumeML ?? 0) \(d.doses ?? 0) \(d.outcome.rawValue) \(d.region ?? "-")"
        }
        let expected = donors.flatMap { donor in CountCalculator.chronological(donor.history).map { key(donor.idNumber, $0) } }
        #expect(result.rows.map { key($0.idNumber, $0.donation) } == expected)
    }
}
