import Central
import Testing

/// Enrolment tokens are pasted on a command line (`kiosk enroll --token T`).
@Suite struct EnrollTokenTests {
    @Test func tokensNeverStartLikeAnOption() async throws {
        try await ServiceFixture.withService(.sqlite) { service in
            _ = try await service.addHouse(id: "h1", name: "H")
            for _ in 0..<300 {
                let token = try await service.issueEnrollToken(house: "h1", hours: 1).token
                #expect(token.hasPrefix("et"))
                #expect(token.count == 34)
            }
        }
    }
}
