/// Text wrapped to the width of its area: between words in Latin text, between characters in
/// Chinese (which has no spaces to break at).
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

    /// The lines `text` wraps into at `width` columns. Latin words move whole to the next line
    /// (after a space); Chinese breaks before or after any character, as it has no spaces; a
    /// word longer than the line is cut where the line is full.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var used = 0
            // Where the line may break: what is before stays, what is after moves down.
            var breakAt: Int?
            for character in paragraph {
                let w = DisplayWidth.of(character)
                if used + w > width {
                    if character == " " {
                        lines.append(String(line))
                        (line, used, breakAt) = ([], 0, nil)
                        continue
                    }
                    let cut = breakAt.flatMap { $0 > 0 ? $0 : nil } ?? line.count
                    let carried = Array(line[cut...])
                    lines.append(String(line[..<cut].reversed().drop { $0 == " " }.reversed()))
                    (line, used, breakAt) = (carried, carried.reduce(0) { $0 + DisplayWidth.of($1) }, nil)
                    if used + w > width {
                        lines.append(String(line))
                        (line, used) = ([], 0)
                    }
                }
                if w > 1, !line.isEmpty { breakAt = line.count }
                line.append(character)
                used += w
                if character == " " || w > 1 { breakAt = line.count }
            }
            lines.append(String(line))
        }
        return lines
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        for (row, line) in Paragraph.wrap(text, width: area.width).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + row, style: style, maxWidth: area.width)
        }
    }
}
