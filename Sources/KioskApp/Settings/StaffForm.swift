import DonorCore
import TerminalUI

/// The add-staff form on the settings screen: number, name, PIN twice (drawn as dots), and the
/// role, which F6 cycles. Enter moves on; Enter on the last field saves.
public struct StaffForm: Sendable {
    public var form: Form
    public var role: Viewer = .volunteer

    static let roles: [Viewer] = [.volunteer, .nurse, .supervisor]

    public init() {
        form = Form(fields: [
            TextField(label: "", mask: .digits(8)),
            TextField(label: ""),
            TextField(label: "", mask: .digits(8)),
            TextField(label: "", mask: .digits(8)),
        ], labelWidth: 12)
    }

    /// What happens after a key.
    public enum Outcome: Sendable {
        case editing
        case cancelled
        /// A UI string key saying what is missing or wrong.
        case refused(String)
        case save(NewStaff)
    }

    /// Applies a key to the form.
    public mutating func handle(_ event: InputEvent) -> Outcome {
        switch event {
        case .key(.escape): return .cancelled
        case .key(.function(6)):
            role = Self.roles[((Self.roles.firstIndex(of: role) ?? 0) + 1) % Self.roles.count]
        case .key(.enter):
            if form.focus < form.fields.count - 1 {
                form.focus(form.focus + 1)
                return .editing
            }
            let name = form[1].text.trimmingCharacters(in: .whitespaces)
            guard !form[0].text.isEmpty, !name.isEmpty, !form[2].text.isEmpty else { return .refused("settings.form_missing") }
            guard form[2].text == form[3].text else {
                form[2].setText("")
                form[3].setText("")
                form.focus(2)
                return .refused("settings.pins_differ")
            }
            return .save(NewStaff(number: form[0].text, name: name, role: role, pin: form[2].text))
        default:
            form.handle(event)
        }
        return .editing
    }

    /// Draws the form in `area`.
    func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        var shown = form
        shown[0].label = context("settings.col.number")
        shown[1].label = context("settings.col.name")
        // PINs are never drawn: one dot per digit.
        shown[2] = TextField(label: context("settings.pin"), text: String(repeating: "•", count: form[2].text.count))
        shown[3] = TextField(label: context("settings.pin_again"), text: String(repeating: "•", count: form[3].text.count))
        shown[2].isFocused = form.focus == 2
        shown[3].isFocused = form.focus == 3
        buffer.write(context("settings.add_title"), x: area.x, y: area.y, style: Theme.title, maxWidth: area.width)
        shown.render(in: Rect(x: area.x, y: area.y + 1, width: area.width, height: 8), into: &buffer)
        buffer.write(context("settings.role_line", ["role": context("role.\(role.rawValue)")]),
                     x: area.x, y: area.y + 10, style: Theme.highlight, maxWidth: area.width)
    }
}
