/// The bottom line: function-key hints on the left, a status text (clock, house) on the right.
public struct StatusBar: Widget {
    /// Key and action, e.g. ("F10", "退出").
    public var hints: [(key: String, label: String)]
    /// Text at the right end (clock, size).
    public var status: String

    /// A status bar with key hints and a status text.
    public init(hints: [(key: String, label: String)], status: String = "") {
        self.hints = hints
        self.status = status
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.height > 0 else { return }
        let row = area.row(0)
        buffer.fill(row, with: Cell(" ", style: Theme.hint))
        let statusWidth = DisplayWidth.of(status)
        let hintLimit = row.right - statusWidth - 1
        var x = row.x
        for hint in hints {
            let needed = DisplayWidth.of(hint.key) + DisplayWidth.of(hint.label) + 2
            if x + needed > hintLimit { break }
            x += buffer.write(hint.key, x: x, y: row.y, style: Theme.hintKey)
            x += buffer.write(hint.label, x: x, y: row.y, style: Theme.hint) + 1
        }
        if statusWidth < row.width {
            buffer.write(status, x: row.right - statusWidth, y: row.y, style: Theme.hint)
        }
    }
}
