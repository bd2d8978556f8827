import DonorCore
import Testing

/// `BloodType("…")`: the canonical spelling through a table, any other through trimming and
/// upper-casing; both must read the same.
@Suite("Blood type from text")
struct BloodTypeTests {
    @Test(arguments: [
        ("A+", BloodType.ABO.a, true), ("A-", .a, false), ("B+", .b, true), ("B-", .b, false),
        ("AB+", .ab, true), ("AB-", .ab, false), ("O+", .o, true), ("O-", .o, false),
    ])
    func theCanonicalSpellingReadsAndWritesBack(text: String, abo: BloodType.ABO, positive: Bool) throws {
        let type = try #require(BloodType(text))
        #expect(type == BloodType(abo: abo, rhPositive: positive))
        #expect(type.description == text)
    }

    @Test(arguments: [(" ab- ", "AB-"), ("o", "O+"), ("a+", "A+"), ("Ab", "AB+"), ("b-", "B-")])
    func otherSpellingsReadAsTheLabWouldMeanThem(text: String, canonical: String) {
        #expect(BloodType(text)?.description == canonical)
    }

    @Test(arguments: ["", "C+", "A++", "AB+-", "+", "0+", "A +x", "Ａ+"])
    func anythingElseIsNoBloodType(text: String) {
        #expect(BloodType(text) == nil)
    }
}
