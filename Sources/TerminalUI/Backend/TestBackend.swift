/// An in-memory screen for tests: applies updates exactly as a terminal would and shows the
/// result as text lines.
///
/// Render a screen with `Renderer(backend: TestBackend(width:height:))`, then compare
/// `backend.snapshot` with a file using `Snapshot` helpers in the tests.
public final class TestBackend: Backend {
    /// The screen as the terminal would show it.
    public private(set) var screen: Buffer
    /// The colour depth the test wants to simulate.
    public var colorDepth: ColorDepth
    /// Where the cursor is shown, or nil when hidden.
    public private(set) var cursor: Position?
    /// How many cells were written since the backend was made (to test the diff).
    public private(set) var cellsWritten = 0
    /// How many times `flush` was called.
    public private(set) var flushCount = 0

    /// A blank screen of the given size.
    public init(width: Int, height: Int, colorDepth: ColorDepth = .colors256) {
        self.screen = Buffer(width: width, height: height)
        self.colorDepth = colorDepth
    }

    public var size: Size { Size(width: screen.area.width, height: screen.area.height) }

    /// Changes the simulated terminal size (as a window resize would), blanking the screen.
    public func resize(width: Int, height: Int) {
        screen = Buffer(width: width, height: height)
    }

    public func draw(_ updates: [CellUpdate]) {
        for update in updates {
            var cell = update.cell
            cell.style = cell.style.degraded(to: colorDepth)
            let grapheme = Character(cell.symbol.isEmpty ? " " : cell.symbol)
            // `put` behaves like a terminal: a wide grapheme also covers the next cell, and
            // overwriting half of a wide grapheme blanks its other half.
            screen.put(grapheme, x: update.x, y: update.y, style: cell.style)
            cellsWritten += 1
        }
    }

    public func setCursor(_ position: Position?) { cursor = position }

    public func clear() { screen = Buffer(area: screen.area) }

    public func flush() { flushCount += 1 }

    /// The screen as lines of text, each wide grapheme once (its continuation omitted).
    public var lines: [String] { screen.lines() }

    /// The screen as one string, lines joined with newlines, ending in a newline.
    public var snapshot: String { lines.joined(separator: "\n") + "\n" }
}
