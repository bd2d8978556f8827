/// A one-line text field that edits by grapheme, so a Chinese character is one cursor step
/// and two columns on screen.
///
/// It is a value kept in the screen's state: `handle(_:)` edits it, `render` draws it. The
/// mask filters what can be typed; the validator (supplied by the caller, so no policy lives
/// here) says what is wrong with the text, shown inline by `Form`.
public struct TextField: Widget, Sendable {
    /// The field's name, shown by `Form` before it.
    public var label: String
    /// The text, one element per grapheme.
    public private(set) var characters: [Character]
    /// The cursor, as a grapheme index from 0 to `characters.count`.
    public private(set) var cursor: Int
    /// What may be typed.
    public var mask: InputMask
    /// Returns a message when the text is not acceptable, nil when it is.
    public var validator: (@Sendable (String) -> String?)?
    /// Shown in a muted style while the field is empty.
    public var placeholder: String
    /// Whether the field has the keyboard: it shows the terminal cursor.
    public var isFocused: Bool

    /// A field, initially holding `text` (filtered by the mask) with the cursor at its end.
    public init(
        label: String = "", text: String = "", mask: InputMask = .any, placeholder: String = "",
        validator: (@Sendable (String) -> String?)? = nil
    ) {
        self.label = label
        self.characters = []
        self.cursor = 0
        self.mask = mask
        self.placeholder = placeholder
        self.validator = validator
        self.isFocused = false
        insert(text)
    }

    /// The text.
    public var text: String { String(characters) }

    /// The validator's message for the current text; nil while empty or valid.
    public var validationMessage: String? {
        guard !characters.isEmpty else { return nil }
        return validator?(text)
    }

    /// Replaces the text and puts the cursor at the end.
    public mutating func setText(_ text: String) {
        characters = []
        cursor = 0
        insert(text)
    }

    /// Inserts text at the cursor, keeping only what the mask accepts and what fits.
    public mutating func insert(_ text: String) {
        for character in text {
            if let limit = mask.maximumLength, characters.count >= limit { break }
            guard DisplayWidth.of(character) > 0, let accepted = mask.accept(character, cursor) else { continue }
            characters.insert(accepted, at: cursor)
            cursor += 1
        }
    }

    /// Applies an editing event; returns false when the field does not use it (Tab, Enter,
    /// function keys), so the screen can.
    @discardableResult
    public mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .text(let text), .scan(let text):
            insert(text)
        case .key(.character(let character)):
            insert(String(character))
        case .key(.left):
            cursor = max(0, cursor - 1)
        case .key(.right):
            cursor = min(characters.count, cursor + 1)
        case .key(.home), .key(.ctrl("a")):
            cursor = 0
        case .key(.end), .key(.ctrl("e")):
            cursor = characters.count
        case .key(.backspace):
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .key(.delete), .key(.ctrl("d")):
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        case .key(.ctrl("u")):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .key(.ctrl("k")):
            characters.removeSubrange(cursor...)
        default:
            return false
        }
        return true
    }

    /// The first grapheme shown when the field is `width` columns wide: scrolled just enough
    /// that the cursor (and the cell after the text, where it may sit) stays visible.
    func scrollStart(width: Int) -> Int {
        var start = 0
        while start < cursor {
            let used = DisplayWidth.of(String(characters[start..<cursor]))
            if used + 1 <= width { break }
            start += 1
        }
        return start
    }

    public func render(in area: Rect, into buffer: inout Buffer) {
        guard area.width > 0, area.height > 0 else { return }
        let style = isFocused ? Theme.focused.adding(.underline) : Theme.field
        buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: style))
        if characters.isEmpty && !placeholder.isEmpty {
            buffer.write(placeholder, x: area.x, y: area.y, style: style.adding(.dim), maxWidth: area.width)
        }
        let start = scrollStart(width: area.width)
        var x = area.x
        for index in start..<characters.count {
            let width = DisplayWidth.of(characters[index])
            if x + width > area.right { break }
            if index == cursor, isFocused { buffer.cursor = Position(x: x, y: area.y) }
            x += buffer.put(characters[index], x: x, y: area.y, style: style, limit: area.right)
        }
        if cursor == characters.count, isFocused { buffer.cursor = Position(x: min(x, area.right - 1), y: area.y) }
    }
}
