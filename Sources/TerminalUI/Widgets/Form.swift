/// Text fields in a focus order: Tab and Down move forward, Shift-Tab and Up back; every
/// other key goes to the focused field. Each field's validation message shows beside it.
public struct Form: Widget, Sendable {
    /// The fields, in focus order.
    public private(set) var fields: [TextField]
    /// The index of the focused field.
    public private(set) var focus: Int
    /// Columns reserved for the labels.
    public var labelWidth: Int

    /// A form focusing its first field.
    public init(fields: [TextField], labelWidth: Int = 10) {
        self.fields = fields
        self.focus = 0
        self.labelWidth = labelWidth
        refocus()
    }

    /// The field at `index`.
    public subscript(index: Int) -> TextField {
        get { fields[index] }
        set {
            fields[index] = newValue
            refocus()
        }
    }

    /// Whether every field passes its validator.
    public var isValid: Bool { fields.allSatisfy { $0.validationMessage == nil } }

    /// Moves the focus to `index` (wrapping around).
    public mutating func focus(_ index: Int) {
        guard !fields.isEmpty else { return }
        focus = ((index % fields.count) + fields.count) % fields.count
        refocus()
    }

    /// Moves focus or edits the focused field; returns false for keys neither uses.
    @discardableResult
    public mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .key(.tab), .key(.down):
            focus(focus + 1)
            return true
        case .key(.backTab), .key(.up):
            focus(focus - 1)
            return true
        default:
            guard !fields.isEmpty else { return false }
            return fields[focus].handle(event)
        }
    }

    private mutating func refocus() {
        for index in fields.indices { fields[index].isFocused = index == focus }
    }

    /// Each field takes two rows: label and field, then its validation message (if any).
    public func render(in area: Rect, into buffer: inout Buffer) {
        let fieldWidth = max(1, min(area.width - labelWidth - 1, 24))
        for (index, field) in fields.enumerated() {
            let y = area.y + index * 2
            guard y < area.bottom else { break }
            let labelStyle = index == focus ? Theme.title : Theme.normal
            buffer.write(field.label, x: area.x, y: y, style: labelStyle, maxWidth: labelWidth)
            field.render(in: Rect(x: area.x + labelWidth, y: y, width: fieldWidth, height: 1), into: &buffer)
            if let message = field.validationMessage {
                let x = area.x + labelWidth + fieldWidth + 1
                buffer.write("✗ " + message, x: x, y: y, style: Theme.error, maxWidth: area.right - x)
            }
        }
    }
}
