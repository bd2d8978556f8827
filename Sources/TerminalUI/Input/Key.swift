/// A key the user pressed, decoded from the terminal.
public enum Key: Sendable, Hashable {
    /// A printable grapheme (Latin, digits, or CJK from an input method).
    case character(Character)
    case enter, tab, backTab, escape, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1 to F12 (shifted function keys arrive as F13 to F24 on many terminals).
    case function(Int)
    /// Ctrl with a letter (lower case, e.g. `ctrl("a")`) or one of `@ [ \ ] ^ _`.
    case ctrl(Character)
    /// Alt (Meta) with a printable character: Esc followed at once by the character.
    case alt(Character)
    /// A key code the toolkit does not name.
    case unknown(Int)

    /// The key's name as shown to people and in tests: "F5", "Ctrl-A", "Shift-Tab", "a".
    public var name: String {
        switch self {
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .escape: return "Esc"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .insert: return "Insert"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .ctrl(let c): return "Ctrl-\(c.uppercased())"
        case .alt(let c): return "Alt-\(c)"
        case .unknown(let code): return "Key-\(code)"
        }
    }
}

/// Something that happened at the terminal, after decoding and grouping.
public enum InputEvent: Sendable, Hashable {
    /// One key press.
    case key(Key)
    /// Several printable characters that arrived together: an input method committing a
    /// phrase, or pasted text. Never a shortcut.
    case text(String)
    /// A burst of printable characters ended by Enter, as a barcode scanner or ID-card reader
    /// in keyboard mode types it. Never a shortcut.
    case scan(String)
    /// The terminal changed size.
    case resize(Size)

    /// A short description for status lines and tests: the key name, or the text.
    public var name: String {
        switch self {
        case .key(let key): return key.name
        case .text(let text): return "Text(\(text))"
        case .scan(let text): return "Scan(\(text))"
        case .resize(let size): return "Resize(\(size))"
        }
    }
}
