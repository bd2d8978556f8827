/// Text wrapped to the width of its area, breaking between characters when a line is full
/// (Chinese has no spaces to break at).
public struct Paragraph: Widget {
    /// The text shown.
    public var text: String
    /// The style the content is drawn in.
    public var style: Style

    /// A paragraph of text in a style.
    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The lines `text` wraps into at `width` columns.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for character in paragraph {
                let w = DisplayWidth.of(character)
                if used + w > width {
                    lines.append(line)
                    line = ""
                    used = 0
                    if character == " " { continue }
                }
                line.append(character)
                used += w
            }
            lines.append(line)
        }
        return lines
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        for (row, line) in Paragraph.wrap(text, width: area.width).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + row, style: style, maxWidth: area.width)
        }
    }
}
