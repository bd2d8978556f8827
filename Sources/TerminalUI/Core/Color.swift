/// A terminal colour: the terminal's default, one of the 8 ANSI colours (and their bright
/// forms), a 256-colour palette index, or 24-bit RGB.
public enum Color: Sendable, Hashable {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow
    case brightBlue, brightMagenta, brightCyan, brightWhite
    /// An entry of the xterm 256-colour palette.
    case indexed(UInt8)
    /// A 24-bit colour; shown as its nearest palette entry.
    case rgb(UInt8, UInt8, UInt8)

    /// The xterm palette index of this colour, or nil for the terminal default.
    public var paletteIndex: Int? {
        switch self {
        case .default: return nil
        case .black: return 0
        case .red: return 1
        case .green: return 2
        case .yellow: return 3
        case .blue: return 4
        case .magenta: return 5
        case .cyan: return 6
        case .white: return 7
        case .brightBlack: return 8
        case .brightRed: return 9
        case .brightGreen: return 10
        case .brightYellow: return 11
        case .brightBlue: return 12
        case .brightMagenta: return 13
        case .brightCyan: return 14
        case .brightWhite: return 15
        case .indexed(let index): return Int(index)
        case .rgb(let r, let g, let b): return Color.cubeIndex(r, g, b)
        }
    }

    /// This colour as the given depth can show it: unchanged at 256 colours, the nearest of
    /// the 8 base colours at 8, and nil (no colour at all) in monochrome.
    public func degraded(to depth: ColorDepth) -> Color? {
        switch depth {
        case .monochrome:
            return nil
        case .colors256:
            if case .rgb = self, let index = paletteIndex { return .indexed(UInt8(index)) }
            return self
        case .colors8:
            guard let index = paletteIndex else { return .default }
            return Color.base8[Color.nearestBase(index)]
        }
    }

    private static let base8: [Color] = [.black, .red, .green, .yellow, .blue, .magenta, .cyan, .white]

    /// The RGB value of a palette index, as xterm defines it.
    static func rgbValue(_ index: Int) -> (Int, Int, Int) {
        let ansi: [(Int, Int, Int)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
            (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
            (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return ansi[index] }
        if index >= 232 {
            let level = 8 + (index - 232) * 10
            return (level, level, level)
        }
        let cube = index - 16
        let steps = [0, 95, 135, 175, 215, 255]
        return (steps[cube / 36], steps[(cube / 6) % 6], steps[cube % 6])
    }

    /// The 8-colour index nearest (in RGB distance) to a palette index.
    static func nearestBase(_ index: Int) -> Int {
        if index < 8 { return index }
        if index < 16 { return index - 8 }
        let (r, g, b) = rgbValue(index)
        var best = 0
        var bestDistance = Int.max
        // Compare with the bright forms too: they carry the hue better for light colours.
        for candidate in 0..<16 {
            let (cr, cg, cb) = rgbValue(candidate)
            let distance = (r - cr) * (r - cr) + (g - cg) * (g - cg) + (b - cb) * (b - cb)
            if distance < bestDistance {
                bestDistance = distance
                best = candidate % 8
            }
        }
        return best
    }

    private static func cubeIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int {
        func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
        return 16 + 36 * level(r) + 6 * level(g) + level(b)
    }
}

/// How many colours the terminal can show.
public enum ColorDepth: Sendable, Hashable {
    /// No colour: only attributes (bold, reverse, underline) distinguish things.
    case monochrome
    /// The 8 ANSI colours.
    case colors8
    /// The xterm 256-colour palette.
    case colors256
}
