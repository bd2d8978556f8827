import Crypto
import DonorCore
import Foundation
import KioskApp
import KioskTestSupport
import SyncWire
import Testing
import TerminalUI

/// The certificate's QR code, as drawn on an 80×24 screen, is read by a real QR reader
/// (zbarimg) and its signature checks with the public key alone.
@Suite struct CertificateQRScanTests {
    @Test func activatedCardQRScansAndVerifiesAt80x24() async throws {
        let signer = Ed25519CardSigner(key: Curve25519.Signing.PrivateKey())
        let services = InMemoryKioskServices(staff: Fixture.staff, donors: Fixture.donors, policy: Fixture.policy, today: Fixture.today, signer: signer)
        var driver = await Driver(services)
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(11))
        await driver.press(.enter, .enter)
        #expect(driver.screen().contains("您辛苦了，优待权益已为您激活"))

        let scanned = try QRScanner.scan(driver.render(width: 80, height: 24).screen)
        let claims = try #require(Ed25519CardSigner.verify(qrText: scanned, publicKey: signer.publicKey))
        #expect(claims.v == Int(CardQR.version))
        #expect(claims.card == .annual)
    }
}
