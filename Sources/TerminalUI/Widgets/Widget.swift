/// Something that draws itself into a rectangle of a buffer.
///
/// Widgets are values: the caller keeps any state (text, selection) in its own state and
/// builds the widget from it when drawing, as ratatui does.
public protocol Widget {
    /// Draws into `area` (clipped to the buffer); never outside it.
    func render(in area: Rect, into buffer: inout Buffer)
}

/// Colours and styles the widgets share, so screens look alike.
public enum Theme {
    /// Ordinary text.
    public static let normal = Style.plain
    /// The title shown in the top border.
    public static let title = Style(attributes: .bold)
    /// Box borders.
    public static let border = Style(foreground: .cyan)
    /// A highlighted row or the selected button.
    public static let highlight = Style(foreground: .black, background: .cyan, attributes: .bold)
    /// The focused field and the header bar.
    public static let focused = Style(foreground: .white, background: .blue)
    /// An unfocused text field.
    public static let field = Style(attributes: .underline)
    /// Error and validation messages.
    public static let error = Style(foreground: .red, attributes: .bold)
    /// Good news.
    public static let success = Style(foreground: .green, attributes: .bold)
    /// Status bar text.
    public static let hint = Style(foreground: .black, background: .white)
    /// Status bar key names.
    public static let hintKey = Style(foreground: .white, background: .blue, attributes: .bold)
    /// Secondary text and scroll marks.
    public static let muted = Style(foreground: .brightBlack)
}

extension String {
    /// The longest prefix that fits in `width` columns (a wide character is never split).
    public func prefix(fittingColumns width: Int) -> String {
        var used = 0
        var result = ""
        for character in self {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            used += w
            result.append(character)
        }
        return result
    }

    /// This text padded with spaces (or cut) to exactly `width` columns.
    public func padded(toColumns width: Int) -> String {
        let cut = prefix(fittingColumns: width)
        return cut + String(repeating: " ", count: max(0, width - DisplayWidth.of(cut)))
    }
}
