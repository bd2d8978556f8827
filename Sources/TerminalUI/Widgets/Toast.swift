/// A short notice in a box at the top right that the screen removes after a few seconds
/// (send `Effect.after` with a dismiss message when showing it).
public struct Toast: Widget, Sendable, Hashable {
    /// What kind of news it is; decides the colour and the mark.
    public enum Kind: Sendable, Hashable {
        case info, success, error
    }

    /// The text shown.
    public var message: String
    /// What kind of news it is.
    public var kind: Kind

    /// A notice of the given kind.
    public init(_ message: String, kind: Kind = .info) {
        self.message = message
        self.kind = kind
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let mark: String
        let style: Style
        switch kind {
        case .info: (mark, style) = ("ℹ", Style(foreground: .white, background: .blue, attributes: .bold))
        case .success: (mark, style) = ("✓", Style(foreground: .black, background: .green, attributes: .bold))
        case .error: (mark, style) = ("✗", Style(foreground: .white, background: .red, attributes: .bold))
        }
        let text = " \(mark) \(message) "
        let width = min(area.width, DisplayWidth.of(text))
        let x = area.right - width
        buffer.fill(Rect(x: x, y: area.y, width: width, height: 1), with: Cell(" ", style: style))
        buffer.write(text, x: x, y: area.y, style: style, maxWidth: width)
    }
}
