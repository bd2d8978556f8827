import Testing
@testable import DonorCore

extension IdentityTests {
    @Suite("Identity normalisation")
    struct IdentityNormalizerTests {
        @Test("Spaces, tabs, full-width spaces and hyphens are removed", arguments: [
            ("340524 19800101 001X", "34052419800101001X"),
            ("3405-2419-8001-0100-1X", "34052419800101001X"),
            ("340524\t19800101\t001X", "34052419800101001X"),
            ("340524\u{3000}19800101\u{3000}001X", "34052419800101001X"),
            ("  34052419800101001X\r\n", "34052419800101001X"),
            ("340524－19800101‐001X", "34052419800101001X"),
        ])
        func normalizeStripsSeparators(raw: String, expected: String) {
            #expect(IdentityNormalizer.normalize(raw) == expected)
        }

        @Test("Full-width digits and every form of X become ASCII", arguments: [
            ("３４０５２４１９８００１０１００１Ｘ", "34052419800101001X"),
            ("３４０５２４１９８００１０１００１ｘ", "34052419800101001X"),
            ("34052419800101001x", "34052419800101001X"),
            ("34052419800101001X", "34052419800101001X"),
        ])
        func normalizeFoldsFullWidthAndLowerX(raw: String, expected: String) {
            #expect(IdentityNormalizer.normalize(raw) == expected)
        }

        @Test("Other characters are left for the parser to name")
        func normalizeLeavesOtherCharacters() {
            #expect(IdentityNormalizer.normalize("340524198O0101001a") == "340524198O0101001a")
        }

        @Test("Document numbers are upper-cased, full-width letters folded", arguments: [
            ("e1234 5678", "E12345678"),
            ("Ｅ１２３４５６７８", "E12345678"),
            ("ｅｇ-1234567", "EG1234567"),
        ])
        func normalizeDocumentNumberUppercases(raw: String, expected: String) {
            #expect(IdentityNormalizer.normalizeDocumentNumber(raw) == expected)
        }
    }

    @Suite("ISO 7064 MOD 11-2 check character")
    struct ResidentIDChecksumTests {
        @Test("The standard's example 34052419800101001 has check character X")
        func checkCharacterOfStandardExample() {
            #expect(ResidentIDChecksum.checkCharacter(forFirst17: "34052419800101001") == "X")
        }

        /// One body for each value of S mod 11, so every entry of the 1 0 X 9 8 7 6 5 4 3 2 table
        /// is exercised.
        static let everyCheckValue: [(String, Character)] = [
            ("11010119900307007", "0"), ("11010119900307001", "1"), ("11010119900307006", "2"),
            ("11010119900307000", "3"), ("11010119900307005", "4"), ("11010119900307018", "5"),
            ("11010119900307004", "6"), ("11010119900307009", "7"), ("11010119900307003", "8"),
            ("11010119900307008", "9"), ("11010119900307002", "X"),
        ]

        @Test("Every check character 0–9 and X is computed", arguments: everyCheckValue)
        func checkCharacterCoversEveryValue(body: String, expected: Character) {
            #expect(ResidentIDChecksum.checkCharacter(forFirst17: body) == expected)
            #expect(TestID.withCheck(body) == body + String(expected))
        }

        @Test("Only exactly 17 ASCII digits have a check character", arguments: [
            "1101011990030700", "110101199003070070", "1101011990030700X", "１1010119900307002",
        ])
        func checkCharacterRejectsOtherBodies(body: String) {
            #expect(ResidentIDChecksum.checkCharacter(forFirst17: body) == nil)
        }
    }
}
