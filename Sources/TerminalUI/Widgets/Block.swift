/// A box with a border and an optional title, drawn around other widgets.
public struct Block: Widget {
    /// The title shown in the top border.
    public var title: String?
    /// The style the content is drawn in.
    public var style: Style
    /// The style of the title.
    public var titleStyle: Style

    /// A bordered box.
    public init(title: String? = nil, style: Style = Theme.border, titleStyle: Style = Theme.title) {
        self.title = title
        self.style = style
        self.titleStyle = titleStyle
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(horizontal: 1, vertical: 1) }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width >= 2, area.height >= 2 else { return }
        let right = area.right - 1, bottom = area.bottom - 1
        for x in area.left...right {
            buffer.put("─", x: x, y: area.top, style: style)
            buffer.put("─", x: x, y: bottom, style: style)
        }
        for y in area.top...bottom {
            buffer.put("│", x: area.left, y: y, style: style)
            buffer.put("│", x: right, y: y, style: style)
        }
        buffer.put("┌", x: area.left, y: area.top, style: style)
        buffer.put("┐", x: right, y: area.top, style: style)
        buffer.put("└", x: area.left, y: bottom, style: style)
        buffer.put("┘", x: right, y: bottom, style: style)
        if let title, area.width > 4 {
            buffer.write(" \(title) ", x: area.left + 1, y: area.top, style: titleStyle, maxWidth: area.width - 2)
        }
    }
}
