import Crypto
import DonorCore
import Foundation
import KioskApp
import Testing
import TerminalUI

/// The certificate's QR code, as drawn on an 80×24 screen, is read by a real QR reader
/// (zbarimg) and its signature checks with the public key alone.
@Suite struct CertificateQRScanTests {
    /// Paints half-block cells as a greyscale picture, `scale` pixels per module.
    static func picture(of buffer: Buffer, scale: Int = 4) -> Data {
        let width = buffer.area.width * scale
        let height = buffer.area.height * 2 * scale
        var pixels = [UInt8](repeating: 255, count: width * height)
        for row in 0..<buffer.area.height {
            for column in 0..<buffer.area.width {
                let symbol = buffer[column, row].symbol
                let top = symbol == "█" || symbol == "▀"
                let bottom = symbol == "█" || symbol == "▄"
                for (half, dark) in [(0, top), (1, bottom)] where dark {
                    for dy in 0..<scale {
                        let y = (row * 2 + half) * scale + dy
                        for dx in 0..<scale { pixels[y * width + column * scale + dx] = 0 }
                    }
                }
            }
        }
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        return data
    }

    @Test func activatedCardQRScansAndVerifiesAt80x24() async throws {
        let signer = Ed25519CardSigner(key: Curve25519.Signing.PrivateKey())
        let services = InMemoryKioskServices(staff: Fixture.staff, donors: Fixture.donors, policy: Fixture.policy, today: Fixture.today, signer: signer)
        var driver = await Driver(services)
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter, .enter, .enter)
        await driver.scan(Fixture.bag(11))
        await driver.press(.enter, .enter)
        #expect(driver.screen().contains("您辛苦了，优待权益已为您激活"))

        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-card-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        try Self.picture(of: driver.render(width: 80, height: 24).screen).write(to: file)
        let zbarimg = "/usr/bin/zbarimg"
        try #require(FileManager.default.isExecutableFile(atPath: zbarimg), "zbarimg is not installed (apt-get install zbar-tools)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let scanned = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
        let payload = try #require(Ed25519CardSigner.verify(qrText: scanned, publicKey: signer.publicKey))
        #expect(payload.first == CardPayload.version)
        #expect(payload[9] == 1)  // annual card
    }
}
