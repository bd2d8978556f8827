import DonorCore
import Testing

/// Bag numbers: the ISBT 128 DIN with its ISO 7064 MOD 37-2 check character, a local digits
/// format, and the policy's `[bags]` section.
@Suite struct BagNumberTests {
    @Test func mod37CheckMatchesTheIso7064Recurrence() {
        // Computed outside Swift with the same recurrence: p = ((p + v) * 2) mod 37, check = (38 - p) mod 37.
        #expect(BagNumber.mod37Check("W123426000001") == "N")
        #expect(BagNumber.mod37Check("0") == "1")
    }

    @Test func validDINIsAcceptedWithOrWithoutTheDataIdentifierAndSpaces() {
        #expect(BagNumber.validate("W123426000001N", rules: .isbt128) == .success("W123426000001N"))
        #expect(BagNumber.validate("=w1234 26 000001 n", rules: .isbt128) == .success("W123426000001N"))
    }

    @Test func everySingleCharacterChangeIsCaught() {
        let good = Array("W123426000001N")
        for index in 0..<13 {
            var changed = good
            changed[index] = good[index] == "7" ? "8" : "7"
            if case .success = BagNumber.validate(String(changed), rules: .isbt128) {
                Issue.record("changing position \(index + 1) was not caught")
            }
        }
    }

    @Test func wrongCheckLengthAndCharactersAreNamed() {
        #expect(BagNumber.validate("W123426000001A", rules: .isbt128) == .failure(.checkCharacter(expected: "N")))
        #expect(BagNumber.validate("W12342600001N", rules: .isbt128) == .failure(.wrongLength(got: 13, expected: 14)))
        #expect(BagNumber.validate("W1234X6000001N", rules: .isbt128) == .failure(.illegalCharacter(position: 6)))
        #expect(BagNumber.validate("anything", rules: nil) == .failure(.noFormat))
    }

    @Test func localDigitsFormatChecksLengthAndDigits() {
        #expect(BagNumber.validate("0123456789", rules: .digits(length: 10)) == .success("0123456789"))
        #expect(BagNumber.validate("012345678", rules: .digits(length: 10)) == .failure(.wrongLength(got: 9, expected: 10)))
        #expect(BagNumber.validate("01234A6789", rules: .digits(length: 10)) == .failure(.illegalCharacter(position: 6)))
    }

    @Test func bothShippedPoliciesNameTheirBagFormat() throws {
        for city in ["taiyuan", "zhejiang"] {
            let policy = try PolicyLoader.load(path: TestPolicies.path(city))
            #expect(policy.bags == .isbt128)
        }
    }
}
