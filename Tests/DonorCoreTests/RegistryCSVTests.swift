import Testing
@testable import DonorCore

@Suite("Registry CSV import")
struct RegistryCSVTests {
    static let today = TestID.date(2026, 6, 15)
    /// A man born 1985-03-12 and a woman born 1992-11-30, both from 小店区.
    static let man = TestID.withCheck("14010519850312003")
    static let woman = TestID.withCheck("14010519921130004")
    static let third = TestID.withCheck("14010620000101005")
    static let header = "id_number,name,sex,birth_date,phone,blood_type"

    static func parse(_ text: String) -> (donors: [RegistryDonor], rejected: [RowRejection]) {
        RegistryCSV.parseDonors(text, today: today)
    }

    @Test("A plain file gives donors with sex and birth date read from the ID number")
    func plainFile() {
        let result = Self.parse("""
        \(Self.header)
        \(Self.man),王伟,,,13812345678,A+
        \(Self.woman),李娜,female,1992-11-30,,

        """)
        #expect(result.rejected == [])
        #expect(result.donors == [
            RegistryDonor(idNumber: Self.man, name: "王伟", sex: .male, birthDate: TestID.date(1985, 3, 12),
                          phone: "13812345678", bloodType: BloodType("A+")),
            RegistryDonor(idNumber: Self.woman, name: "李娜", sex: .female, birthDate: TestID.date(1992, 11, 30)),
        ])
    }

    @Test("Columns may come in any order, and the optional ones may be left out")
    func columnOrderIsFree() {
        let result = Self.parse("name,id_number\n王伟,\(Self.man)\n")
        #expect(result.rejected == [])
        #expect(result.donors.map(\.idNumber) == [Self.man])
        #expect(result.donors.first?.phone == nil)
    }

    @Test("Quoted fields keep commas, doubled quotes and line breaks; later lines keep their numbers")
    func quotedFields() {
        let text = "id_number,name,phone\n"
            + "\(Self.man),\"王,伟\",\"138 1234 5678\"\n"          // line 2
            + "\(Self.woman),\"李\"\"娜\"\"\nsecond line\",\n"       // lines 3–4
            + "\(Self.third),\"张\r\n三\r\n\",bad\n"                 // lines 5–7
            + "123,x,\n"                                            // line 8
        let result = Self.parse(text)
        #expect(result.donors.map(\.name) == ["王,伟", "李\"娜\"\nsecond line"])
        #expect(result.donors.first?.phone == "13812345678")
        #expect(result.rejected.map(\.line) == [5, 8])
        #expect(result.rejected.first?.reason.contains("bad phone in column phone") == true)
    }

    @Test("A byte-order mark, CRLF line ends and blank lines are read like plain LF text")
    func bomAndCRLF() {
        let text = "\u{FEFF}\(Self.header)\r\n\(Self.man),王伟,male,1985-03-12,,O-\r\n\(Self.woman),李娜,,,,\r\n\r\n\r\nbad\r\n"
        let result = Self.parse(text)
        #expect(result.donors.map(\.idNumber) == [Self.man, Self.woman])
        #expect(result.donors.first?.bloodType == BloodType(abo: .o, rhPositive: false))
        // Blank lines are skipped but still counted.
        #expect(result.rejected == [RowRejection(line: 6, reason: "wrong number of fields: expected 6, found 1")])
    }

    /// Women born 1992-11-30 with distinct sequence numbers (`n` in 10…99).
    static func woman(_ n: Int) -> String { TestID.withCheck("14010519921130\(n)4") }
    static func masked(_ number: String) -> String { String(number.prefix(4)) + "**********" + String(number.suffix(4)) }

    @Test("Each rejection reason names its exact line, also after a multi-line field")
    func everyRejectionReason() {
        let w = (10...22).map(Self.woman)
        let wrongCheck = String(w[2].dropLast()) + (w[2].last == "1" ? "2" : "1")
        let text = """
        \(Self.header)
        \(w[0]),李娜,,,,
        \(w[1]),李娜,,,
        \(wrongCheck),张三,,,,
        \(w[3]),李娜,male,,,
        \(w[4]),"李
        娜",,1992-11-31,,
        \(w[5]),李娜,,1992-11-29,,
        \(w[6]),李娜,,,1381234567,
        \(w[7]),李娜,,,,C+
        \(w[0]),王伟,,,,
        \(w[8]),,,,,
        \(w[9]),李娜,other,,,
        \(w[10]),李"娜,,,,
        ,李娜,,,,
        \(w[11]),"李娜"x,,,,
        \(w[12]),李娜,F,19921130,+86 13812345678,b-
        """
        let result = Self.parse(text)
        #expect(result.donors.map(\.idNumber) == [w[0], w[12]])
        #expect(result.donors.last?.bloodType == BloodType(abo: .b, rhPositive: false))
        #expect(result.rejected == [
            RowRejection(line: 3, reason: "wrong number of fields: expected 6, found 5"),
            RowRejection(line: 4, reason: "invalid ID number in column id_number: Wrong check character: the last character should be \(w[2].last!), not \(wrongCheck.last!). Check the number for a typo."),
            RowRejection(line: 5, reason: "sex in column sex (male) disagrees with the ID number \(Self.masked(w[3])) (female)"),
            RowRejection(line: 6, reason: "bad date '1992-11-31' in column birth_date: expected YYYY-MM-DD (or empty)"),
            RowRejection(line: 8, reason: "birth date in column birth_date (1992-11-29) disagrees with the ID number \(Self.masked(w[5]))"),
            RowRejection(line: 9, reason: "bad phone in column phone: expected an 11-digit mobile number starting with 1"),
            RowRejection(line: 10, reason: "bad blood type 'C+' in column blood_type: expected A+, A-, B+, B-, O+, O-, AB+ or AB-"),
            RowRejection(line: 11, reason: "duplicate ID number \(Self.masked(w[0])): first on line 2"),
            RowRejection(line: 12, reason: "empty name in column name"),
            RowRejection(line: 13, reason: "bad sex 'other' in column sex: expected male or female (or empty)"),
            RowRejection(line: 14, reason: "malformed quoting in field 2: a quote inside a field must be doubled and the field quoted"),
            RowRejection(line: 15, reason: "missing ID number in column id_number"),
            RowRejection(line: 16, reason: "malformed quoting in field 2: text after the closing quote"),
        ])
    }

    @Test("ID number rejections carry the parser's English message", arguments: [
        ("X", "invalid ID number in column id_number: Wrong length: got 1 characters; expected 18 (or 15 for an old number)."),
        ("000000199211300104", "invalid ID number in column id_number: The address code starts with 00, which is not a province-level code; check the first two digits."),
        ("14010520300101001X", "invalid ID number in column id_number: The birth date 2030-01-01 is after today (2026-06-15); check the number."),
    ])
    func idNumberRejections(number: String, reason: String) {
        let result = Self.parse("id_number,name\n\(number),李娜\n")
        #expect(result.rejected == [RowRejection(line: 2, reason: reason)])
    }

    @Test("No reason quotes a full ID number or phone number")
    func reasonsAreMasked() {
        let text = "\(Self.header)\n\(Self.man),王伟,female,,13812345678x,\n\(Self.man),王伟,,,,\n"
        for rejection in Self.parse(text).rejected {
            #expect(!rejection.reason.contains(Self.man))
            #expect(!rejection.reason.contains("13812345678"))
        }
    }

    @Test("Header problems reject line 1 and nothing else is read", arguments: [
        ("id_number,name,mobile\n", "unknown column 'mobile' in the header; allowed columns: id_number,name,sex,birth_date,phone,blood_type"),
        ("id_number,Name\n", "unknown column 'Name' in the header; allowed columns: id_number,name,sex,birth_date,phone,blood_type"),
        ("id_number,phone\n", "the header has no column 'name', which is required"),
        ("id_number,name,name\n", "column 'name' appears twice in the header"),
        ("", "the file is empty; a header row is required (id_number,name,sex,birth_date,phone,blood_type)"),
    ])
    func headerProblems(text: String, reason: String) {
        let result = Self.parse(text + "\(Self.man),王伟,x\n")
        #expect(result.donors.isEmpty)
        #expect(result.rejected == [RowRejection(line: 1, reason: reason)] || text.isEmpty)
        if text.isEmpty { #expect(Self.parse("").rejected == [RowRejection(line: 1, reason: reason)]) }
    }

    @Test("Phones are normalised like ID numbers: spaces, hyphens, full-width digits, +86")
    func phoneNormalisation() {
        for raw in ["138-1234-5678", "１３８１２３４５６７８", "+86 138 1234 5678", " 13812345678 "] {
            let result = Self.parse("id_number,name,phone\n\(Self.man),王伟,\(raw)\n")
            #expect(result.donors.first?.phone == "13812345678", "\(raw)")
        }
    }

    @Test("An unterminated quote rejects the record at the line it starts on")
    func unterminatedQuote() {
        let result = Self.parse("id_number,name\n\(Self.man),王伟\n\(Self.woman),\"李娜\n\(Self.third),张三\n")
        #expect(result.donors.map(\.idNumber) == [Self.man])
        #expect(result.rejected == [RowRejection(line: 3, reason: "malformed quoting in field 2: the quoted field is never closed")])
    }

    @Test("1,000 synthetic donors survive a write and a read unchanged")
    func roundTrip() {
        let city = SyntheticCity(seed: 42, today: Self.today, policy: TestPolicies.taiyuan)
        var donors = city.donors(0..<1_000)
        // A few awkward names, so quoting is exercised by the round trip too.
        donors[3].name = "欧阳,\"小\"明"
        donors[4].name = "Anne\r\nMarie"
        let text = RegistryCSV.donorsCSV(donors)
        let result = RegistryCSV.parseDonors(text, today: Self.today)
        #expect(result.rejected == [])
        #expect(result.donors == donors.map { donor in
            var identity = donor
            identity.history = []
            identity.deferrals = []
            return identity
        })
    }

    @Test("The streaming reader yields the same donors and rejections, row by row")
    func streamingReader() {
        let text = "\(Self.header)\n\(Self.man),王伟,,,,\nbad\n\(Self.woman),李娜,,,,\n"
        let items = Array(RegistryCSV.DonorReader(text, today: Self.today))
        #expect(items.count == 3)
        #expect(items.compactMap { try? $0.get().idNumber } == [Self.man, Self.woman])
        let parsed = Self.parse(text)
        #expect(parsed.rejected == [RowRejection(line: 3, reason: "wrong number of fields: expected 6, found 1")])
        let headerOnly = Array(RegistryCSV.DonorReader("id_number,nom\n\(Self.man),x\n", today: Self.today))
        #expect(headerOnly.count == 1)
    }
}
