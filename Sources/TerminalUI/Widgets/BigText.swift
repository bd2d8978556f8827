/// Large text: digits and Latin letters drawn 5 rows tall from █, so a donor across the room
/// can read a queue number. Characters without a glyph (Chinese) are drawn bold with a space
/// after each, on the middle row.
public struct BigText: Widget {
    /// The text shown.
    public var text: String
    /// The style the content is drawn in.
    public var style: Style

    /// Large text in a style (red and bold by default).
    public init(_ text: String, style: Style = Style(foreground: .red, attributes: .bold)) {
        self.text = text
        self.style = style
    }

    /// The columns the text needs.
    public var width: Int {
        text.reduce(0) { total, character in
            total + (BigFont.glyph(character) != nil ? 6 : DisplayWidth.of(character) + 1)
        }
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        var x = area.x
        for character in text {
            if let glyph = BigFont.glyph(character) {
                guard x + 5 <= area.right else { break }
                for (row, line) in glyph.prefix(area.height).enumerated() {
                    for (column, mark) in line.enumerated() where mark == "#" {
                        buffer.put("█", x: x + column, y: area.y + row, style: style)
                    }
                }
                x += 6
            } else {
                let width = DisplayWidth.of(character)
                guard x + width <= area.right else { break }
                buffer.put(character, x: x, y: area.y + min(2, area.height - 1), style: style.adding(.bold))
                x += width + 1
            }
        }
    }
}
