import Foundation
import TerminalUI

/// Reads a QR code off a rendered screen the way a phone camera would: the half-block cells
/// are painted as a picture and handed to a real QR reader, zbarimg (Debian's zbar-tools).
public enum QRScanner {
    /// Why a screen could not be scanned.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The text of the QR code on `buffer`, as zbarimg reads it.
    public static func scan(_ buffer: Buffer, scale: Int = 4) throws -> String {
        let zbarimg = "/usr/bin/zbarimg"
        guard FileManager.default.isExecutableFile(atPath: zbarimg) else {
            throw Failure(description: "zbarimg is not installed (apt-get install zbar-tools)")
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-qr-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: file) }
        try picture(of: buffer, scale: scale).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", file.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "zbarimg found no QR code (exit \(process.terminationStatus))")
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .newlines)
    }

    /// The buffer's half-block cells as a greyscale PGM picture: each module (half a cell high,
    /// one cell wide) becomes `scale`×`scale` pixels, dark for the drawn half.
    public static func picture(of buffer: Buffer, scale: Int = 4) -> Data {
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
}
