/// Text attributes a terminal can show without colour.
public struct Attributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Heavier strokes.
    public static let bold = Attributes(rawValue: 1 << 0)
    /// Fainter text.
    public static let dim = Attributes(rawValue: 1 << 1)
    /// Slanted text (not every terminal).
    public static let italic = Attributes(rawValue: 1 << 2)
    /// A line under the text.
    public static let underline = Attributes(rawValue: 1 << 3)
    /// Foreground and background swapped: the monochrome highlight.
    public static let reverse = Attributes(rawValue: 1 << 4)
    /// Blinking text (use sparingly).
    public static let blink = Attributes(rawValue: 1 << 5)
}

/// The look of a cell: foreground, background and attributes.
public struct Style: Sendable, Hashable {
    /// The text colour.
    public var foreground: Color
    /// The cell colour behind the text.
    public var background: Color
    /// Bold, underline, reverse and the like.
    public var attributes: Attributes

    /// A style; every part defaults to the terminal's own.
    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's default look.
    public static let plain = Style()

    /// This style with attributes added.
    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// This style as the given colour depth can show it.
    ///
    /// In monochrome, colour is dropped; a coloured background (a highlighted row, a selected
    /// button) becomes reverse video so the highlight is still visible.
    public func degraded(to depth: ColorDepth) -> Style {
        guard depth == .monochrome else {
            return Style(
                foreground: foreground.degraded(to: depth) ?? .default,
                background: background.degraded(to: depth) ?? .default,
                attributes: attributes)
        }
        var attrs = attributes
        if background != .default && background != .black { attrs.formSymmetricDifference(.reverse) }
        return Style(attributes: attrs)
    }
}
