import Testing
import HummingbirdTesting
@testable import Central

@Test func placeholder() { #expect(CentralInfo.name == "kiosk-central") }
