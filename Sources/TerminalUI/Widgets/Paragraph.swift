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
    /// word longer than the line is cut where the line is full. As in printed Chinese, no line
    /// starts with closing punctuation (、，。）…) and none ends with an opening one (（「…):
    /// the character before such a mark moves down with it.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line: [Character] = []
            var used = 0
            // Where the line may break: what is before stays, what is after moves down; and
            // the opportunity before that one, for when a closing mark rules this one out.
            var breakAt: Int?
            var earlierBreak: Int?
            func mark(_ position: Int) {
                guard position != breakAt else { return }
                (earlierBreak, breakAt) = (breakAt, position)
            }
            for character in paragraph {
                let w = DisplayWidth.of(character)
                let closing = noLineStart.contains(character)
                if closing, breakAt == line.count { (breakAt, earlierBreak) = (earlierBreak, nil) }
                if used + w > width {
                    if character == " " {
                        lines.append(String(line))
                        (line, used, breakAt, earlierBreak) = ([], 0, nil, nil)
                        continue
                    }
                    let cut = breakAt.flatMap { $0 > 0 ? $0 : nil } ?? line.count
                    let carried = Array(line[cut...])
                    lines.append(String(line[..<cut].reversed().drop { $0 == " " }.reversed()))
                    (line, used, breakAt, earlierBreak) = (carried, carried.reduce(0) { $0 + DisplayWidth.of($1) }, nil, nil)
                    if used + w > width {
                        lines.append(String(line))
                        (line, used) = ([], 0)
                    }
                }
                if w > 1, let last = line.last, !closing, !noLineEnd.contains(last) { mark(line.count) }
                line.append(character)
                used += w
                if character == " " || w > 1, !noLineEnd.contains(character) { mark(line.count) }
            }
            lines.append(String(line))
        }
        return lines
    }

    /// Marks no line may start with (closing punctuation, Chinese and Latin).
    static let noLineStart: Set<Character> = Set("、，。．：；？！）］｝〉》」』】〕”’…%,.:;!?)]}")
    /// Marks no line may end with (opening punctuation).
    static let noLineEnd: Set<Character> = Set("（［｛〈《「『【〔“‘([{")

    public func render(in area: Rect, into buffer: inout Buffer) {
        for (row, line) in Paragraph.wrap(text, width: area.width).prefix(area.height).enumerated() {
            buffer.write(line, x: area.x, y: area.y + row, style: style, maxWidth: area.width)
        }
    }
}
