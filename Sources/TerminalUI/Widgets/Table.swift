/// A table with a header row, column widths from a layout, and a highlighted row that
/// scrolls into view.
public struct Table: Widget {
    /// The column titles.
    public var headers: [String]
    /// The cells, row by row.
    public var rows: [[String]]
    /// How wide each column is.
    public var widths: [Constraint]
    /// The highlighted row and the scroll position.
    public var state: ScrollState

    /// A table; `widths` has one constraint per column.
    public init(headers: [String], rows: [[String]], widths: [Constraint], state: ScrollState) {
        self.headers = headers
        self.rows = rows
        self.widths = widths
        self.state = state
    }

    /// A fixed width for `column` as wide as its widest cell or header, at most `max` columns:
    /// labels change length between Chinese and English, so a width picked for one language
    /// cuts the other.
    public static func fit(_ column: Int, headers: [String], rows: [[String]], max: Int) -> Constraint {
        let cells = [headers] + rows
        let widest = cells.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0
        return .fixed(Swift.min(max, widest))
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.height > 0 else { return }
        let columns = Layout.columns(Rect(x: area.x, y: area.y, width: area.width, height: 1), widths, spacing: 1)
        drawRow(headers, columns: columns, y: area.y, style: Theme.title.adding(.underline), into: &buffer)
        for line in 0..<(area.height - 1) {
            let index = state.offset + line
            guard index < rows.count else { break }
            let style = index == state.selected ? Theme.highlight : Theme.normal
            let y = area.y + 1 + line
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), with: Cell(" ", style: style))
            drawRow(rows[index], columns: columns, y: y, style: style, into: &buffer)
        }
    }

    private func drawRow(_ values: [String], columns: [Rect], y: Int, style: Style, into buffer: inout Buffer) {
        for (column, rect) in columns.enumerated() where column < values.count {
            buffer.write(values[column], x: rect.x, y: y, style: style, maxWidth: rect.width)
        }
    }
}
