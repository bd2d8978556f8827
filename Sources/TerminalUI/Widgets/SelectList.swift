/// A vertical list with one highlighted row, scrolled to keep it visible.
public struct SelectList: Widget {
    /// The entries shown, one per row.
    public var items: [String]
    /// The highlighted row and the scroll position.
    public var state: ScrollState
    /// The style of the highlighted row.
    public var highlightStyle: Style

    /// A list; `state` says which row is highlighted and which is at the top.
    public init(items: [String], state: ScrollState, highlightStyle: Style = Theme.highlight) {
        self.items = items
        self.state = state
        self.highlightStyle = highlightStyle
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        for row in 0..<area.height {
            let index = state.offset + row
            guard index < items.count else { break }
            let isSelected = index == state.selected
            let style = isSelected ? highlightStyle : Theme.normal
            let marker = isSelected ? "▶ " : "  "
            buffer.write((marker + items[index]).padded(toColumns: area.width), x: area.x, y: area.y + row, style: style)
        }
        if state.offset + area.height < items.count, area.height > 0 {
            buffer.put("↓", x: area.right - 1, y: area.bottom - 1, style: Theme.muted)
        }
        if state.offset > 0, area.height > 0 {
            buffer.put("↑", x: area.right - 1, y: area.top, style: Theme.muted)
        }
    }
}
