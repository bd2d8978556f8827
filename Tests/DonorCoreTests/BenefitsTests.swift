import Testing
@testable import DonorCore

/// What each Taiyuan card opens on a date: transit, scenic spots (joining on their `since`
/// date) and hospital fee levels in the policy's order.
@Suite("Benefits")
struct BenefitsTests {
    static let policy = TestPolicies.taiyuan
    static let original = ["jinci", "tianlongshan", "longshan", "taishan", "mengshan", "shuangta", "jueweishan", "zoo", "beilin"]
    static let addedJune2026 = ["jinshang", "diantou", "fushan", "archaeology", "ancient_architecture"]

    @Test func annualCardOpensFourteenScenicSpotsButNotTheBotanicalGarden() {
        let benefits = Benefits(card: .annual, on: Fixture.date("2026-07-01"), policy: Self.policy)
        #expect(benefits.scenicSpots.map(\.id) == Self.original + Self.addedJune2026)
        #expect(benefits.scenicSpots.count == 14)
        #expect(!benefits.scenicSpots.contains { $0.id == "botanical" })
        #expect(benefits.transit)
    }

    @Test func honourCardOpensFifteenScenicSpots() {
        let benefits = Benefits(card: .honour, on: Fixture.date("2026-07-01"), policy: Self.policy)
        #expect(benefits.scenicSpots.map(\.id) == Self.original + Self.addedJune2026 + ["botanical"])
        #expect(benefits.transit)
    }

    @Test("A spot whose since date is after the date is not offered")
    func spotsJoinOnTheirSinceDate() {
        let before = Benefits(card: .honour, on: Fixture.date("2026-06-08"), policy: Self.policy)
        #expect(before.scenicSpots.map(\.id) == Self.original)
        let on = Benefits(card: .honour, on: Fixture.date("2026-06-09"), policy: Self.policy)
        #expect(on.scenicSpots.count == 15)
        #expect(Benefits(card: .annual, on: Fixture.date("2025-01-31"), policy: Self.policy).scenicSpots.isEmpty)
    }

    @Test func hospitalFeeLevelsPerCardAsTheCatalogueSays() {
        let annual = Benefits(card: .annual, on: Fixture.date("2026-07-01"), policy: Self.policy)
        #expect(annual.hospitals.map(\.hospital.id) == ["sample-provincial-a", "sample-provincial-b", "sample-city-a", "sample-city-b", "sample-county-a"])
        #expect(annual.hospitals.map { $0.levels.map(\.id) } == [
            ["general", "associate_chief", "chief"], ["general", "associate_chief"],
            ["general", "associate_chief", "chief", "renowned_expert"], ["general", "associate_chief", "chief"], ["general"],
        ])
        let honour = Benefits(card: .honour, on: Fixture.date("2026-07-01"), policy: Self.policy)
        #expect(honour.hospitals.first?.levels.map(\.id) == ["general", "associate_chief", "chief", "renowned_expert"])
        #expect(honour.hospitals.last?.levels.map(\.id) == ["general", "associate_chief", "chief"])
    }

    @Test func feeLevelsComeInPolicyOrderWhateverTheCatalogueOrder() throws {
        let catalogue = """
            [catalog]
            id = "reordered"
            version = "test"

            [[hospital]]
            id = "reordered"
            name_zh = "sample (zh)"
            name_en = "Sample"
            annual = ["chief", "general"]
            honour = ["renowned_expert", "general", "associate_chief"]
            """
        let text = PolicyValidationTests.policyText
        let policy = try PolicyLoader.parse(text, file: "taiyuan.toml") { relative throws(PolicyError) in
            if relative.hasSuffix("hospitals.toml") { return (relative, catalogue) }
            return (relative, PolicyValidationTests.read("\(TestPolicies.root)/assets/policy/\(relative)"))
        }
        let annual = Benefits(card: .annual, on: Fixture.date("2026-07-01"), policy: policy)
        #expect(annual.hospitals.first?.levels.map(\.id) == ["general", "chief"])
        let honour = Benefits(card: .honour, on: Fixture.date("2026-07-01"), policy: policy)
        #expect(honour.hospitals.first?.levels.map(\.id) == ["general", "associate_chief", "renowned_expert"])
    }

    @Test func aHospitalThatWaivesNothingForACardIsNotListed() throws {
        let catalogue = """
            [catalog]
            id = "partial"
            version = "test"

            [[hospital]]
            id = "honour-only"
            name_zh = "sample (zh)"
            name_en = "Sample"
            honour = ["general"]
            """
        let policy = try PolicyLoader.parse(PolicyValidationTests.policyText, file: "taiyuan.toml") { relative throws(PolicyError) in
            if relative.hasSuffix("hospitals.toml") { return (relative, catalogue) }
            return (relative, PolicyValidationTests.read("\(TestPolicies.root)/assets/policy/\(relative)"))
        }
        #expect(Benefits(card: .annual, on: Fixture.date("2026-07-01"), policy: policy).hospitals.isEmpty)
        #expect(Benefits(card: .honour, on: Fixture.date("2026-07-01"), policy: policy).hospitals.count == 1)
    }
}
