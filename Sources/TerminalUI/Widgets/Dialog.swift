/// A modal dialog: a bordered box over the screen with a message and buttons.
///
/// While a dialog is open the screen routes every key to `handle`, which moves between the
/// buttons and reports the choice on Enter (or Esc, as the last button: cancel).
public struct Dialog: Widget, Sendable {
    /// The title shown in the top border.
    public var title: String
    /// The text shown.
    public var message: String
    /// The button labels, left to right.
    public var buttons: [String]
    /// The highlighted button.
    public private(set) var selected: Int

    /// A dialog with the given buttons, the first highlighted.
    public init(title: String, message: String, buttons: [String] = ["确定 OK"]) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selected = 0
    }

    /// A yes/no confirmation; choice 0 is confirm, 1 is cancel.
    public static func confirm(title: String, message: String) -> Dialog {
        Dialog(title: title, message: message, buttons: ["确定 OK", "取消 Cancel"])
    }

    /// Moves between buttons; returns the chosen button's index on Enter, the last button on
    /// Esc, nil otherwise.
    public mutating func handle(_ event: InputEvent) -> Int? {
        guard case .key(let key) = event else { return nil }
        switch key {
        case .left, .backTab: selected = max(0, selected - 1)
        case .right, .tab: selected = min(buttons.count - 1, selected + 1)
        case .enter: return selected
        case .escape: return buttons.count - 1
        default: break
        }
        return nil
    }

    /// The box's rectangle within the screen `area`.
    public func frame(in area: Rect) -> Rect {
        let buttonsWidth = buttons.reduce(0) { $0 + DisplayWidth.of($1) + 5 }
        let width = min(area.width, max(DisplayWidth.of(title) + 6, buttonsWidth + 4, 36))
        let lines = Paragraph.wrap(message, width: width - 4)
        return area.centered(width: width, height: lines.count + 5)
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        let box = frame(in: area)
        buffer.fill(box)
        let block = Block(title: title, style: Theme.title)
        block.render(in: box, into: &buffer)
        let inner = block.inner(box)
        Paragraph(message).render(in: Rect(x: inner.x + 1, y: inner.y + 1, width: inner.width - 2, height: inner.height - 2), into: &buffer)
        var x = inner.x + 1
        for (index, label) in buttons.enumerated() {
            let text = "[ \(label) ]"
            let style = index == selected ? Theme.highlight : Theme.normal
            x += buffer.write(text, x: x, y: inner.bottom - 1, style: style) + 1
        }
    }
}
