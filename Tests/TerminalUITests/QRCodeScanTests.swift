import KioskTestSupport
import Testing
import TerminalUI

/// A QR code drawn into a buffer must be readable by a real QR reader (zbarimg).
@Suite struct QRCodeScanTests {
    @Test func halfBlockQRCodeDecodesWithZbarimg() throws {
        let payload = "KIOSK-CARD:110101199003071234:2026-06-01:签名"
        let code = try #require(QRCode(payload))
        let view = QRCodeView(code: code)
        var buffer = Buffer(width: view.size.width, height: view.size.height)
        view.render(in: buffer.area, into: &buffer)
        #expect(try QRScanner.scan(buffer) == payload)
    }
}
