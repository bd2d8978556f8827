import Testing
@testable import DonorCore

extension IdentityTests {
    @Suite("Resident ID parsing: accepted numbers")
    struct IdentityParserAcceptTests {
        @Test("The standard's example parses with birth date, sex and type")
        func standardExampleParses() throws {
            let document = try TestID.parse("34052419800101001X").get()
            #expect(document.number == "34052419800101001X")
            #expect(document.documentType == .residentID)
            #expect(document.birthDate == TestID.date(1980, 1, 1))
            #expect(document.sex == .male)
            #expect(document.upgradedFrom15 == false)
            #expect(document.masked == "3405**********001X")
        }

        @Test("A number ending in each check character 0–9 and X is accepted",
              arguments: IdentityTests.ResidentIDChecksumTests.everyCheckValue)
        func everyCheckCharacterIsAccepted(body: String, check: Character) {
            #expect(TestID.document(body + String(check))?.number == body + String(check))
        }

        @Test("What people and input methods type is accepted", arguments: [
            "34052419800101001x",
            "３４０５２４１９８００１０１００１Ｘ",
            "３４０５２４１９８００１０１００１ｘ",
            "340524 19800101 001X",
            "340524\u{3000}1980\u{3000}0101\u{3000}001x",
            "3405-2419-8001-0100-1X",
        ])
        func typedFormsAreNormalised(raw: String) {
            #expect(TestID.document(raw)?.number == "34052419800101001X")
        }

        @Test("The 17th digit gives the sex: odd male, even female", arguments: [
            ("1101051949123100", 1, Sex.male), ("1101051949123100", 2, .female),
            ("1101051949123100", 3, .male), ("1101051949123100", 4, .female),
            ("1101051949123100", 9, .male), ("1101051949123100", 0, .female),
        ])
        func sexFromSeventeenthDigit(first16: String, digit: Int, expected: Sex) {
            #expect(TestID.document(TestID.withCheck(first16 + String(digit)))?.sex == expected)
        }

        @Test("Residence permits and the foreigner's ID are recognised by their codes", arguments: [
            ("810000199001010019", IdentityDocumentType.hongKongMacaoResidencePermit),
            ("820000199001010029", .hongKongMacaoResidencePermit),
            ("830000199001010039", .taiwanResidencePermit),
            ("911156199001010045", .foreignPermanentResident),
            ("710000198001010010", .residentID),
            ("11010519491231002X", .residentID),
        ])
        func documentTypeFromAddressCode(number: String, expected: IdentityDocumentType) throws {
            let document = try TestID.parse(number).get()
            #expect(document.documentType == expected)
            #expect(document.masked == String(number.prefix(4)) + "**********" + String(number.suffix(4)))
        }

        @Test("The foreigner's ID reads birth date and sex like a resident ID")
        func foreignerBirthDateAndSex() throws {
            let document = try TestID.parse("911156199001010045").get()
            #expect(document.birthDate == TestID.date(1990, 1, 1))
            #expect(document.sex == .female)
        }

        @Test("A legacy 15-digit number is upgraded to 18 with its check character")
        func legacyFifteenDigitUpgrade() throws {
            let document = try TestID.parse("340524800101001").get()
            #expect(document.number == "34052419800101001X")
            #expect(document.upgradedFrom15)
            #expect(document.documentType == .residentID)
            #expect(document.birthDate == TestID.date(1980, 1, 1))
            #expect(document.sex == .male)
            #expect(document.masked == "3405**********001X")
        }

        @Test("A second legacy number upgrades to the standard's 11010519491231002X")
        func legacyFifteenDigitUpgradeFemale() throws {
            let document = try TestID.parse("110105 491231 002").get()
            #expect(document.number == "11010519491231002X")
            #expect(document.sex == .female)
            #expect(document.birthDate == TestID.date(1949, 12, 31))
        }

        @Test("29 February exists in leap years", arguments: ["20000229", "20240229", "19960229"])
        func leapDayAccepted(date: String) {
            let number = TestID.withCheck("110105" + date + "002")
            #expect(TestID.document(number)?.birthDate?.day == 29)
        }

        @Test("A person born today is accepted; 'today' is what the caller says")
        func bornTodayAccepted() {
            let number = TestID.withCheck("11010520260601002")
            #expect(TestID.document(number, today: TestID.date(2026, 6, 1))?.birthDate == TestID.date(2026, 6, 1))
        }

        @Test("The birth year 1900 is the earliest accepted")
        func birthIn1900Accepted() {
            #expect(TestID.document(TestID.withCheck("11010519000101002")) != nil)
        }
    }

    @Suite("Passports and other documents")
    struct FreeTextDocumentTests {
        @Test("A passport number is normalised, upper-cased and masked 2 + 2", arguments: [
            ("e1234 5678", "E12345678", "E1*****78"),
            ("Ｇ１２３４５６７８", "G12345678", "G1*****78"),
            ("ab123", "AB123", "AB*23"),
            ("P-1234-5678-9012-3456-7", "P12345678901234567", "P1**************67"),
        ])
        func passportParses(raw: String, number: String, masked: String) throws {
            let document = try IdentityParser.parseDocument(raw, type: .passport).get()
            #expect(document.number == number)
            #expect(document.documentType == .passport)
            #expect(document.masked == masked)
            #expect(document.birthDate == nil)
            #expect(document.sex == nil)
            #expect(document.upgradedFrom15 == false)
        }

        @Test("Another document keeps its type")
        func otherDocumentParses() throws {
            let document = try IdentityParser.parseDocument("12345 ab", type: .other).get()
            #expect(document.number == "12345AB")
            #expect(document.documentType == .other)
        }

        @Test("A free-text number must have 5–20 characters", arguments: [
            ("E123", 4), ("", 0), ("E12345678901234567890", 21),
        ])
        func passportLength(raw: String, got: Int) {
            #expect(throws: IdentityRejection.lengthOutOfRange(got: got, allowed: 5...20)) {
                try IdentityParser.parseDocument(raw, type: .passport).get()
            }
        }

        @Test("A free-text number has only letters and digits")
        func passportIllegalCharacter() {
            #expect(throws: IdentityRejection.illegalCharacter(".", position: 6, allowed: .lettersAndDigits)) {
                try IdentityParser.parseDocument("E1234.5678", type: .passport).get()
            }
        }
    }
}
