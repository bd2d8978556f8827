import Foundation
import Testing
import TerminalUI

/// A QR code drawn into a buffer must be readable by a real QR reader (zbarimg).
@Suite struct QRCodeScanTests {
    /// Paints the buffer's half-block cells as a greyscale picture: each module (half a cell
    /// high, one cell wide) becomes `scale`×`scale` pixels, dark for the drawn half.
    static func picture(of buffer: Buffer, scale: Int = 4) -> (width: Int, height: Int, pixels: [UInt8]) {
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
        return (width, height, pixels)
    }

    @Test func halfBlockQRCodeDecodesWithZbarimg() throws {
        let payload = "KIOSK-CARD:110101199003071234:2026-06-01:签名"
        let code = try #require(QRCode(payload))
        let view = QRCodeView(code: code)
        var buffer = Buffer(width: view.size.width, height: view.size.height)
        view.render(in: buffer.area, into: &buffer)

        let (width, height, pixels) = Self.picture(of: buffer)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        var data = Data("P5\n\(width) \(height)\n255\n".utf8)
        data.append(contentsOf: pixels)
        try data.write(to: file)

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
        #expect(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines) == payload)
    }
}
