import Crypto
import DonorCore
import Foundation
import KioskApp
import KioskTestSupport
import SyncWire
import Testing
import TerminalUI

/// The certificate's QR code, as drawn on 80×24 and 160×50 screens, is read by a real QR reader
/// (zbarimg) and its signature checks with the public key alone.
@Suite struct CertificateQRScanTests {
    @Test func activatedCardQRScansAndVerifiesWithTheQuietZoneTheScreenAllows() async throws {
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
        // 80×24 has room for 2 light modules around the code; a larger screen gets the standard's 4.
        #expect(Self.quietZone(driver.render(width: 80, height: 24).screen) == 2)
        let large = driver.render(width: 160, height: 50).screen
        #expect(Self.quietZone(large) == 4)
        #expect(try QRScanner.scan(large) == scanned)
    }

    /// The light margin, in modules, left of the code's first dark module: the columns of the
    /// code's white background (the quiet zone is drawn on it) before the first block symbol.
    static func quietZone(_ buffer: Buffer) -> Int? {
        let white = (0..<buffer.area.height).flatMap { row in
            (0..<buffer.area.width).filter { buffer[$0, row].style.background == .brightWhite }.map { ($0, row) }
        }
        guard let left = white.map(\.0).min() else { return nil }
        let dark = white.filter { ["█", "▀", "▄"].contains(buffer[$0.0, $0.1].symbol) }
        return dark.map(\.0).min().map { $0 - left }
    }
}
