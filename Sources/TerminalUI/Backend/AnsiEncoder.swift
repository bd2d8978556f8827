/// Turns cell updates into VT/ANSI escape sequences: cursor moves, SGR and UTF-8 text.
///
/// It remembers the cursor position and the current style between calls, so consecutive
/// cells are written without a move and an unchanged style without an SGR; this is what
/// makes a one-character edit cost a few bytes. Used by the benchmark to count the bytes a
/// frame costs, and usable as a backend for terminals without curses.
public struct AnsiEncoder: Sendable {
    /// The colour depth styles are degraded to.
    public var colorDepth: ColorDepth
    private var cursor: Position?
    private var style: Style?

    /// An encoder that knows nothing about the terminal's state yet.
    public init(colorDepth: ColorDepth = .colors256) {
        self.colorDepth = colorDepth
    }

    /// Forgets the terminal state (after a clear or anything written behind our back).
    public mutating func reset() {
        cursor = nil
        style = nil
    }

    /// Appends the escape sequences for `updates` to `output`.
    public mutating func encode(_ updates: [CellUpdate], into output: inout [UInt8]) {
        for update in updates {
            if cursor != Position(x: update.x, y: update.y) {
                appendMove(x: update.x, y: update.y, into: &output)
            }
            let wanted = update.cell.style.degraded(to: colorDepth)
            if style != wanted {
                appendSGR(wanted, into: &output)
                style = wanted
            }
            output.append(contentsOf: update.cell.symbol.utf8)
            cursor = Position(x: update.x + update.cell.width, y: update.y)
        }
    }

    /// Appends "erase the screen" and forgets the cursor.
    public mutating func encodeClear(into output: inout [UInt8]) {
        output.append(contentsOf: Array("\u{1B}[0m\u{1B}[2J".utf8))
        style = .plain
        cursor = nil
    }

    private func appendMove(x: Int, y: Int, into output: inout [UInt8]) {
        output.append(0x1B)
        output.append(UInt8(ascii: "["))
        appendNumber(y + 1, into: &output)
        output.append(UInt8(ascii: ";"))
        appendNumber(x + 1, into: &output)
        output.append(UInt8(ascii: "H"))
    }

    private func appendSGR(_ style: Style, into output: inout [UInt8]) {
        // Always reset first: shorter than tracking which attributes to turn off.
        var parameters: [Int] = [0]
        let attrs = style.attributes
        if attrs.contains(.bold) { parameters.append(1) }
        if attrs.contains(.dim) { parameters.append(2) }
        if attrs.contains(.italic) { parameters.append(3) }
        if attrs.contains(.underline) { parameters.append(4) }
        if attrs.contains(.blink) { parameters.append(5) }
        if attrs.contains(.reverse) { parameters.append(7) }
        if let index = style.foreground.paletteIndex {
            parameters += index < 8 ? [30 + index] : [38, 5, index]
        }
        if let index = style.background.paletteIndex {
            parameters += index < 8 ? [40 + index] : [48, 5, index]
        }
        output.append(0x1B)
        output.append(UInt8(ascii: "["))
        for (i, parameter) in parameters.enumerated() {
            if i > 0 { output.append(UInt8(ascii: ";")) }
            appendNumber(parameter, into: &output)
        }
        output.append(UInt8(ascii: "m"))
    }

    private func appendNumber(_ number: Int, into output: inout [UInt8]) {
        if number >= 10 { appendNumber(number / 10, into: &output) }
        output.append(UInt8(ascii: "0") + UInt8(number % 10))
    }
}
