/// A highlighted row in a scrolling list, and which row is at the top.
public struct ScrollState: Sendable, Hashable {
    /// The highlighted row.
    public private(set) var selected: Int
    /// The first visible row.
    public private(set) var offset: Int
    /// How many rows there are.
    public var count: Int {
        didSet { clamp() }
    }
    /// How many rows are visible (used to keep the selection in view and for PgUp/PgDn).
    public var visibleRows: Int {
        didSet { clamp() }
    }

    /// A state with the first row highlighted.
    public init(count: Int, visibleRows: Int, selected: Int = 0) {
        self.count = count
        self.visibleRows = max(1, visibleRows)
        self.selected = selected
        self.offset = 0
        clamp()
    }

    /// Highlights `row` (clamped) and scrolls it into view.
    public mutating func select(_ row: Int) {
        selected = row
        clamp()
    }

    /// Moves the highlight for Up/Down/Home/End/PgUp/PgDn; returns false for other keys.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .up: select(selected - 1)
        case .down: select(selected + 1)
        case .home: select(0)
        case .end: select(count - 1)
        case .pageUp: select(selected - visibleRows)
        case .pageDown: select(selected + visibleRows)
        default: return false
        }
        return true
    }

    private mutating func clamp() {
        selected = max(0, min(selected, count - 1))
        if selected < offset { offset = selected }
        if selected >= offset + visibleRows { offset = selected - visibleRows + 1 }
        offset = max(0, min(offset, max(0, count - visibleRows)))
    }
}
