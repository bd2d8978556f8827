/// A horizontal bar filled to a ratio, in eighths of a cell, with a centred label.
public struct ProgressBar: Widget {
    /// From 0 to 1 (clamped).
    public var ratio: Double
    /// The text centred on the bar; nil shows the percentage.
    public var label: String?
    /// The style the content is drawn in.
    public var style: Style

    /// A bar filled to `ratio`, labelled with `label` or the percentage.
    public init(ratio: Double, label: String? = nil, style: Style = Style(foreground: .green)) {
        self.ratio = ratio
        self.label = label
        self.style = style
    }

    static let eighths: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let clamped = min(1, max(0, ratio))
        let total = Int((clamped * Double(area.width * 8)).rounded())
        for column in 0..<area.width {
            let filled = min(8, max(0, total - column * 8))
            buffer.put(ProgressBar.eighths[filled], x: area.x + column, y: area.y, style: style)
        }
        let text = label ?? "\(Int((clamped * 100).rounded()))%"
        let width = DisplayWidth.of(text)
        if width <= area.width {
            buffer.write(text, x: area.x + (area.width - width) / 2, y: area.y, style: Style(attributes: [.bold, .reverse]))
        }
    }
}
