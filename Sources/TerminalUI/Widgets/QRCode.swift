import CQREncode

/// A QR code symbol: a square of dark and light modules, made by libqrencode.
public struct QRCode: Sendable, Hashable {
    /// Modules per side, without the quiet zone.
    public let size: Int
    /// Row-major, true for a dark module.
    public let modules: [Bool]

    /// The error-correction level: how much of the symbol may be damaged.
    public enum Correction: Sendable {
        case low, medium, quartile, high
        var level: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    /// Encodes UTF-8 text (8-bit mode, smallest version that fits); nil when it is too long.
    public init?(_ text: String, correction: Correction = .medium) {
        guard let code = QRcode_encodeString8bit(text, 0, correction.level) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        size = width
        // libqrencode sets bit 0 of each byte for a dark module; the other bits are metadata.
        modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    /// Whether the module at (column, row) is dark; outside the symbol (the quiet zone) is light.
    public func isDark(column: Int, row: Int) -> Bool {
        guard column >= 0, row >= 0, column < size, row < size else { return false }
        return modules[row * size + column]
    }
}

/// Draws a QR code with half blocks (▀ ▄ █ and space), two module rows per text row, with
/// the 4-module quiet zone a reader needs. Dark modules are black on a white background so a
/// phone camera reads it on dark and light terminals alike.
public struct QRCodeView: Widget {
    /// The symbol to draw.
    public var code: QRCode
    /// Light modules around the symbol; 4 is what the standard asks for.
    public var quietZone: Int

    /// Draws `code` with a quiet zone of `quietZone` light modules.
    public init(code: QRCode, quietZone: Int = 4) {
        self.code = code
        self.quietZone = quietZone
    }

    /// The columns and rows the drawing takes.
    public var size: Size {
        let side = code.size + 2 * quietZone
        return Size(width: side, height: (side + 1) / 2)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let style = Style(foreground: .black, background: .brightWhite)
        let drawn = size
        for row in 0..<min(drawn.height, area.height) {
            for column in 0..<min(drawn.width, area.width) {
                let moduleColumn = column - quietZone
                let top = code.isDark(column: moduleColumn, row: row * 2 - quietZone)
                let bottom = code.isDark(column: moduleColumn, row: row * 2 + 1 - quietZone)
                let symbol: Character = top ? (bottom ? "█" : "▀") : (bottom ? "▄" : " ")
                buffer.put(symbol, x: area.x + column, y: area.y + row, style: style)
            }
        }
    }
}
