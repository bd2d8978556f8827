/// One screen position: a grapheme and its style.
///
/// A wide (2-column) grapheme occupies its own cell and the cell to its right, which holds
/// an empty `symbol` and is a *continuation*: renderers skip it, and snapshots omit it.
public struct Cell: Sendable, Hashable {
    /// The grapheme shown here; empty for the right half of a wide grapheme.
    public var symbol: String
    /// Colours and attributes.
    public var style: Style

    /// A cell showing `symbol` in `style`.
    public init(_ symbol: String = " ", style: Style = .plain) {
        self.symbol = symbol
        self.style = style
    }

    /// A blank cell in the default style.
    public static let blank = Cell()

    /// The continuation half of a wide grapheme.
    public static func continuation(style: Style) -> Cell { Cell("", style: style) }

    /// Whether this is the right half of a wide grapheme.
    public var isContinuation: Bool { symbol.isEmpty }

    /// The columns this cell's grapheme occupies (1 or 2; continuations count 0).
    public var width: Int {
        if symbol.isEmpty { return 0 }
        if symbol.utf8.count == 1 { return 1 }  // ASCII fast path for the renderer.
        return max(1, DisplayWidth.of(symbol))
    }
}
