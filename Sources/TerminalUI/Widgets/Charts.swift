/// Horizontal bars, one per labelled value, scaled to the largest value.
public struct BarChart: Widget {
    /// The entries shown, one per row.
    public var items: [(label: String, value: Int)]
    /// The style the content is drawn in.
    public var style: Style

    /// A bar chart of labelled values.
    public init(items: [(label: String, value: Int)], style: Style = Style(foreground: .red)) {
        self.items = items
        self.style = style
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let labelWidth = min(area.width / 3, items.map { DisplayWidth.of($0.label) }.max() ?? 0)
        let valueWidth = items.map { String($0.value).count }.max() ?? 0
        let barSpace = max(0, area.width - labelWidth - valueWidth - 2)
        let largest = max(1, items.map(\.value).max() ?? 1)
        for (row, item) in items.prefix(area.height).enumerated() {
            let y = area.y + row
            buffer.write(item.label, x: area.x, y: y, maxWidth: labelWidth)
            let eighths = item.value * barSpace * 8 / largest
            let x = area.x + labelWidth + 1
            for column in 0..<barSpace {
                let filled = min(8, max(0, eighths - column * 8))
                if filled > 0 { buffer.put(ProgressBar.eighths[filled], x: x + column, y: y, style: style) }
            }
            let barEnd = x + (eighths + 7) / 8
            buffer.write(String(item.value), x: barEnd + (eighths > 0 ? 1 : 0), y: y, style: Theme.title)
        }
    }
}

/// A one-row chart of values as bars of eight heights (▁ to █), the newest on the right.
public struct Sparkline: Widget {
    /// The values, oldest first.
    public var values: [Int]
    /// The style the content is drawn in.
    public var style: Style

    /// A sparkline of values.
    public init(values: [Int], style: Style = Style(foreground: .cyan)) {
        self.values = values
        self.style = style
    }

    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let shown = values.suffix(area.width)
        let low = shown.min() ?? 0
        let high = shown.max() ?? 0
        for (column, value) in shown.enumerated() {
            let level = high == low ? 3 : (value - low) * 7 / (high - low)
            buffer.put(Sparkline.levels[level], x: area.x + column, y: area.y, style: style)
        }
    }
}
