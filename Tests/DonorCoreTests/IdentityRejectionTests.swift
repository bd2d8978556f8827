import Testing
@testable import DonorCore

extension IdentityTests {
    @Suite("Resident ID parsing: rejections")
    struct IdentityRejectionTests {
        @Test("Wrong length names the count after normalisation", arguments: [
            ("3405241980010100", 16), ("34052419800101001", 17), ("34052419800101001X1", 19),
            ("", 0), ("34052419800101", 14), ("3405 2419 8001 0100 1", 17),
        ])
        func wrongLength(raw: String, got: Int) {
            #expect(TestID.rejection(raw) == .wrongLength(got: got))
        }

        @Test("An illegal character is named with its position", arguments: [
            ("340524198O0101001X", "O" as Character, 10, IdentityRejection.AllowedCharacters.digitsWithCheckX),
            ("3405X4198001010013", "X", 5, .digitsWithCheckX),
            ("34052419800101001a", "a", 18, .digitsWithCheckX),
            ("34052419800101001.", ".", 18, .digitsWithCheckX),
            ("34052480010100X", "X", 15, .digitsOnly),
            ("3405248001010O1", "O", 14, .digitsOnly),
        ])
        func illegalCharacter(raw: String, character: Character, position: Int,
                              allowed: IdentityRejection.AllowedCharacters) {
            #expect(TestID.rejection(raw) == .illegalCharacter(character, position: position, allowed: allowed))
        }

        @Test("A date that does not exist is quoted as its 8 digits", arguments: [
            ("34052419800230", "19800230"), ("11010520230229", "20230229"),
            ("11010519000229", "19000229"), ("11010519801301", "19801301"),
            ("11010519800100", "19800100"),
        ])
        func impossibleDate(first14: String, digits: String) {
            let number = TestID.withCheck(first14 + "001")
            #expect(TestID.rejection(number) == .impossibleDate(digits))
        }

        @Test("A legacy number's impossible date is quoted with its century")
        func impossibleDateInLegacyNumber() {
            #expect(TestID.rejection("340524800230001") == .impossibleDate("19800230"))
        }

        @Test("A birth date after 'today' is rejected; 'today' comes from the caller")
        func birthDateInFuture() {
            let number = TestID.withCheck("11010520260602001")
            let today = TestID.date(2026, 6, 1)
            #expect(TestID.rejection(number, today: today)
                    == .birthDateInFuture(TestID.date(2026, 6, 2), today: today))
            #expect(TestID.document(number, today: TestID.date(2026, 6, 2)) != nil)
        }

        @Test("A birth date before 1900 is not plausible (the standard's 1880 example)")
        func birthDateBefore1900() {
            #expect(TestID.rejection("440524188001010014") == .birthDateBefore1900(TestID.date(1880, 1, 1)))
        }

        @Test("An unknown province prefix or all-zero address code is rejected", arguments: [
            ("59010119800101001", "59"), ("39010119800101001", "39"), ("00000019800101001", "00"),
            ("16010119800101001", "16"),
            ("83010019800101001", "83"), ("72000019800101001", "72"), ("10000019800101001", "10"),
        ])
        func unknownAddressCode(body: String, prefix: String) {
            #expect(TestID.rejection(TestID.withCheck(body)) == .unknownAddressCode(prefix: prefix))
        }

        @Test("A legacy number starting with 9 is not a foreigner's ID")
        func legacyNumberWithNineIsUnknown() {
            #expect(TestID.rejection("911156800101001") == .unknownAddressCode(prefix: "91"))
        }

        @Test("A wrong check character names the one it should be", arguments: [
            ("340524198001010013", "X" as Character, "3" as Character),
            ("34052419800101001０", "X", "0"),
            ("11010119900307002X", "X", "X"),
            ("110101199003070079", "0", "9"),
            ("11010119900307000X", "3", "X"),
        ])
        func wrongCheckCharacter(raw: String, expected: Character, found: Character) {
            if expected == found {
                #expect(TestID.rejection(raw) == nil)
            } else {
                #expect(TestID.rejection(raw) == .wrongCheckCharacter(expected: expected, found: found))
            }
        }

        @Test("The wrong-check message says which character it should be, in both languages")
        func wrongCheckCharacterMessage() throws {
            let rejection = try #require(TestID.rejection("340524198001010013"))
            #expect(rejection.code == "wrong_check_character")
            #expect(rejection.message(in: .en).contains("the last character should be X, not 3"))
            #expect(rejection.message(in: .zhHans).contains("最后一位应为 X，而不是 3"))
        }

        @Test("Each rejection has its stable code and a message naming the detail", arguments: [
            ("3405241980010100", "wrong_length", "16", "16"),
            ("340524198O0101001X", "illegal_character", "position 10", "第 10 位"),
            ("340524198002300019", "impossible_date", "19800230", "19800230"),
            ("440524188001010014", "birth_date_before_1900", "1880-01-01", "1880-01-01"),
            ("59010119800101001X", "unknown_address_code", "starts with 59", "“59”"),
            ("110105203001010012", "birth_date_in_future", "2030-01-01", "2030-01-01"),
        ])
        func codesAndMessages(raw: String, code: String, english: String, chinese: String) throws {
            let rejection = try #require(TestID.rejection(raw))
            #expect(rejection.code == code)
            #expect(rejection.message(in: .en).contains(english))
            #expect(rejection.message(in: .zhHans).contains(chinese))
        }

        @Test("No message quotes the full number or its first 17 digits (PIPL)", arguments: [
            "3405241980010100", "340524198O0101001X", "340524198002300019", "440524188001010014",
            "59010119800101001X", "110105203001010012", "340524198001010013", "340524800230001",
        ])
        func messagesNeverContainTheNumber(raw: String) throws {
            let rejection = try #require(TestID.rejection(raw))
            for language in MessageLanguage.allCases {
                let message = rejection.message(in: language)
                #expect(!message.contains(raw))
                #expect(!message.contains(raw.prefix(12)))
            }
        }

        @Test("An invisible illegal character is shown as its code point")
        func invisibleCharacterQuoted() throws {
            let rejection = try #require(TestID.rejection("34052419800101001\u{200B}"))
            #expect(rejection == .illegalCharacter("\u{200B}", position: 18, allowed: .digitsWithCheckX))
            #expect(rejection.message(in: .en).contains("U+200B"))
        }
    }
}
