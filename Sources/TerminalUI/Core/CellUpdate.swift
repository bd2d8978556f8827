/// One cell the terminal must redraw: the output of a diff, the input of a backend.
public struct CellUpdate: Sendable, Hashable {
    /// The column.
    public var x: Int
    /// The row.
    public var y: Int
    /// What to draw there.
    public var cell: Cell

    /// The cell to draw at column `x`, row `y`.
    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

extension Buffer {
    /// The cells that differ from `previous`, in screen order, ready for a backend.
    ///
    /// Continuation cells are never listed: writing a wide grapheme covers them. Because the
    /// buffer never holds a split wide grapheme, a plain cell-by-cell comparison is enough:
    /// where an old wide grapheme is replaced, its old continuation cell differs from the new
    /// content and is redrawn too. Buffers of different areas diff as a full repaint.
    public func diff(from previous: Buffer) -> [CellUpdate] {
        guard previous.area == area else { return fullUpdates() }
        var updates: [CellUpdate] = []
        let width = area.width
        cells.withUnsafeBufferPointer { new in
            previous.cells.withUnsafeBufferPointer { old in
                for i in 0..<new.count where new[i] != old[i] && !new[i].isContinuation {
                    updates.append(CellUpdate(x: area.x + i % width, y: area.y + i / width, cell: new[i]))
                }
            }
        }
        return updates
    }

    /// Every cell (except continuations): what a full repaint writes.
    public func fullUpdates() -> [CellUpdate] {
        var updates: [CellUpdate] = []
        updates.reserveCapacity(cells.count)
        let width = area.width
        for (i, cell) in cells.enumerated() where !cell.isContinuation {
            updates.append(CellUpdate(x: area.x + i % width, y: area.y + i / width, cell: cell))
        }
        return updates
    }
}
