import Testing
@testable import DonorCore

@Test func taiyuanPolicyLoads() throws {
    let policy = try PolicyLoader.load(path: TestPolicies.path("taiyuan"))
    #expect(policy.reference == "taiyuan@2026.06")
    #expect(policy.benefits.scenicSpots.count == 15)
    #expect(policy.tiers.map(\.id) == ["blue", "red", "bronze", "silver", "gold"])
}
