/// A column and row on the screen.
public struct Position: Sendable, Hashable {
    /// The column.
    public var x: Int
    /// The row.
    public var y: Int
    /// A position at column `x`, row `y`.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// A grid of cells covering a rectangle: what a frame looks like.
///
/// Widgets draw into a buffer; the renderer diffs it against the previous frame. The buffer
/// keeps one invariant that the diff relies on: every wide grapheme is followed by exactly
/// one continuation cell, and no continuation cell is orphaned. Every write repairs the
/// neighbours it half-covers, so a wide character is never split.
public struct Buffer: Sendable, Equatable {
    /// The screen area this buffer covers (absolute coordinates).
    public private(set) var area: Rect
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (e.g. in the focused text field), or nil to
    /// hide it. Input methods place their candidate window at the cursor.
    public var cursor: Position?

    /// A buffer of blank cells.
    public init(area: Rect, filling cell: Cell = .blank) {
        self.area = area
        self.cells = [Cell](repeating: cell, count: area.area)
    }

    /// A blank buffer at the origin with the given size.
    public init(width: Int, height: Int) {
        self.init(area: Rect(x: 0, y: 0, width: width, height: height))
    }

    /// The index of (x, y) in `cells`, or nil when outside the area.
    @inline(__always)
    public func index(x: Int, y: Int) -> Int? {
        guard area.contains(column: x, row: y) else { return nil }
        return (y - area.y) * area.width + (x - area.x)
    }

    /// The cell at (x, y); reading outside gives a blank cell, writing outside is ignored.
    ///
    /// Setting a cell this way does not repair wide neighbours; prefer `put` and `write`.
    public subscript(x: Int, y: Int) -> Cell {
        get { index(x: x, y: y).map { cells[$0] } ?? .blank }
        set { if let i = index(x: x, y: y) { cells[i] = newValue } }
    }

    /// Puts one grapheme at (x, y), taking its continuation cell when it is wide.
    ///
    /// A wide grapheme that does not fit before `limit` (the exclusive right edge, by default
    /// the buffer's) is replaced by a space, so it is never split at a border. Returns the
    /// columns used (0 when outside).
    @discardableResult
    public mutating func put(_ grapheme: Character, x: Int, y: Int, style: Style, limit: Int? = nil) -> Int {
        let right = min(limit ?? area.right, area.right)
        guard x >= area.x, x < right, y >= area.y, y < area.bottom else { return 0 }
        let width = DisplayWidth.of(grapheme)
        if width == 2 && x + 1 >= right {
            setSingle(x: x, y: y, Cell(" ", style: style))
            return 1
        }
        if width == 2 {
            setSingle(x: x, y: y, Cell(String(grapheme), style: style))
            setSingle(x: x + 1, y: y, .continuation(style: style))
            return 2
        }
        setSingle(x: x, y: y, Cell(String(grapheme), style: style))
        return 1
    }

    /// Writes text starting at (x, y) without wrapping, at most `maxWidth` columns.
    ///
    /// Zero-width graphemes (a lone combining mark) attach to the previous cell. Returns the
    /// number of columns written.
    @discardableResult
    public mutating func write(_ text: some StringProtocol, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        let limit = maxWidth.map { min(x + max(0, $0), area.right) } ?? area.right
        var column = x
        for grapheme in text {
            if column >= limit { break }
            let width = DisplayWidth.of(grapheme)
            if width == 0 {
                if column > x, let i = index(x: column - 1, y: y) {
                    // Attach to the base cell (skipping back over a continuation).
                    let base = cells[i].isContinuation ? i - 1 : i
                    cells[base].symbol.append(grapheme)
                }
                continue
            }
            column += put(grapheme, x: column, y: y, style: style, limit: limit)
        }
        return column - x
    }

    /// Sets every cell in `rect` (clipped to the buffer) to `cell`.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        repairEdges(of: clipped)
        for y in clipped.top..<clipped.bottom {
            let start = (y - area.y) * area.width + (clipped.x - area.x)
            for i in start..<(start + clipped.width) { cells[i] = cell }
        }
    }

    /// Replaces the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        let clipped = rect.intersection(area)
        for y in clipped.top..<clipped.bottom {
            for x in clipped.left..<clipped.right {
                if let i = index(x: x, y: y) { cells[i].style = style }
            }
        }
    }

    /// Copies `other` onto this buffer at its own area (clipped).
    public mutating func merge(_ other: Buffer) {
        let clipped = other.area.intersection(area)
        repairEdges(of: clipped)
        for y in clipped.top..<clipped.bottom {
            for x in clipped.left..<clipped.right {
                self[x, y] = other[x, y]
            }
        }
    }

    /// The buffer as text lines: each wide grapheme once, its continuation cell omitted.
    public func lines() -> [String] {
        (0..<area.height).map { row in
            var line = ""
            let start = row * area.width
            for cell in cells[start..<(start + area.width)] where !cell.isContinuation {
                line += cell.symbol
            }
            return line
        }
    }

    /// The text of one row, trailing spaces removed (handy in tests).
    public func text(row: Int) -> String {
        let line = lines()[row - area.y]
        return String(line.reversed().drop(while: { $0 == " " }).reversed())
    }

    /// Writes a cell, first clearing any wide grapheme it would half-cover.
    private mutating func setSingle(x: Int, y: Int, _ cell: Cell) {
        guard let i = index(x: x, y: y) else { return }
        let old = cells[i]
        if old.isContinuation, x > area.x {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        }
        if old.width == 2, x + 1 < area.right, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Before a rectangle is overwritten, blanks the outside halves of wide graphemes that
    /// straddle its left or right edge, so none is left split.
    private mutating func repairEdges(of rect: Rect) {
        guard !rect.isEmpty else { return }
        for y in rect.top..<rect.bottom {
            if rect.left > area.x, let i = index(x: rect.left, y: y), cells[i].isContinuation {
                cells[i - 1] = Cell(" ", style: cells[i - 1].style)
            }
            if rect.right < area.right, let i = index(x: rect.right - 1, y: y), cells[i].width == 2 {
                cells[i + 1] = Cell(" ", style: cells[i + 1].style)
            }
        }
    }
}
