import DonorCore
import TerminalUI

/// Sign-in: staff number and PIN. Also the lock screen: locking returns here with the number
/// kept, so the same person types only the PIN.
public struct SignInScreen: Sendable {
    public var form: Form
    /// A UI string key for the last refusal, shown under the form.
    public var errorKey: String?
    public var busy = false

    /// An empty sign-in, or one with the staff number filled in (after a lock).
    public init(number: String = "") {
        form = Form(fields: [
            TextField(label: "", text: number, mask: .digits(8)),
            TextField(label: "", mask: .digits(8)),
        ], labelWidth: 14)
        if !number.isEmpty { form.focus(1) }
    }

    /// Enter on the number moves to the PIN; Enter on the PIN signs in.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        switch event {
        case .key(.escape):
            // Someone else signs in at a locked kiosk: start from an empty staff number.
            self = SignInScreen()
            return .none
        case .key(.enter):
            if form.focus == 0 {
                form.focus(1)
                return .none
            }
            guard !form[0].text.isEmpty, !form[1].text.isEmpty else {
                errorKey = "signin.missing"
                return .none
            }
            busy = true
            errorKey = nil
            return .signIn(number: form[0].text, pin: form[1].text)
        case .scan(let text):
            // Typed fast and ended with Enter (a badge reader, or tmux): text, then Enter.
            form.handle(.text(text))
            return handle(.key(.enter), context)
        default:
            form.handle(event)
            return .none
        }
    }

    /// Forgets the PIN after a refusal so it is typed again from the start.
    public mutating func refused(_ key: String) {
        busy = false
        errorKey = key
        form[1].setText("")
        form.focus(1)
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        [("Enter", "hint.signin"), ("Esc", "hint.other_staff"), ("F12", "hint.language"), ("F10", "hint.quit")]
    }

    /// A centred box: title, the two fields (PIN drawn as dots), and any refusal.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let box = area.centered(width: 52, height: 12)
        let block = Block(title: context("signin.title"))
        block.render(in: box, into: &buffer)
        let inner = block.inner(box).inset(horizontal: 2, vertical: 1)
        var shown = form
        shown[0].label = context("signin.number")
        shown[1].label = context("signin.pin")
        // The PIN is never drawn: the field shows one dot per digit.
        shown[1] = TextField(label: context("signin.pin"), text: String(repeating: "•", count: form[1].text.count))
        shown.render(in: Rect(x: inner.x, y: inner.y, width: inner.width, height: 4), into: &buffer)
        if let errorKey {
            buffer.write("✗ " + context(errorKey), x: inner.x, y: inner.y + 5, style: Theme.error, maxWidth: inner.width)
        } else if busy {
            buffer.write(context("signin.checking"), x: inner.x, y: inner.y + 5, style: Theme.muted, maxWidth: inner.width)
        }
        buffer.write(context("signin.help"), x: inner.x, y: inner.y + 7, style: Theme.muted, maxWidth: inner.width)
    }
}
