import Testing
@testable import DonorCore

@Test func taiyuanPolicyLoads() throws {
    let policy = try PolicyLoader.load(path: TestPolicies.path("taiyuan"))
    #expect(policy.reference == "taiyuan@2026.06")
    #expect(policy.benefits.scenicSpots.count == 15)
    #expect(policy.tiers.map(\.id) == ["blue", "red", "bronze", "silver", "gold"])
}

@Test func zhejiangPolicyLoads() throws {
    let policy = try PolicyLoader.load(path: TestPolicies.path("zhejiang"))
    #expect(policy.reference == "zhejiang@2026.01")
    #expect(policy.tiers.isEmpty)
    #expect(policy.cards.annual.enabled == false)
}
