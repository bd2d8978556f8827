import DonorCore
import TerminalUI

/// The decision: may this donor give this procedure today, every reason in plain words and
/// the date each procedure becomes possible. Eligible: Enter queues the donor. A supervisor
/// may override a rule the policy marks overridable (F7: written reason and PIN).
public struct DecisionScreen: Sendable {
    public var visit: Visit
    /// The override being written, when F7 was pressed.
    public var overrideForm: Form?
    /// The queue entry once the donor is queued.
    public var queued: QueueEntry?

    public init(visit: Visit) {
        self.visit = visit
    }

    /// The decision as the signed-in viewer may see it.
    public func decision(_ context: ScreenContext) -> EligibilityDecision {
        visit.decision(policy: context.policy, date: context.today).redacted(for: context.viewer)
    }

    /// The first failing rule a supervisor may override, if any.
    func overridable(_ context: ScreenContext) -> RuleFinding? {
        let full = visit.decision(policy: context.policy, date: context.today)
        return full.failures.first { $0.overridable && context.policy.overridableRules.contains($0.code) }
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        if queued != nil {
            if case .key = event { return .home }
            return .none
        }
        if var form = overrideForm {
            switch event {
            case .key(.escape):
                overrideForm = nil
            case .key(.enter):
                if form.focus == 0 {
                    form.focus(1)
                    overrideForm = form
                    return .none
                }
                let reason = form[0].text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty, let finding = overridable(context), let session = context.session else {
                    return .toast(context("override.reason_missing"), .error)
                }
                overrideForm = nil
                return .overrideRule(visit, RuleOverride(rule: finding.code, by: session.number, reason: reason), pin: form[1].text)
            default:
                form.handle(event)
                overrideForm = form
            }
            return .none
        }
        switch event {
        case .key(.escape): return .home
        case .key(.enter):
            return decision(context).eligible ? .enqueue(visit) : .home
        case .key(.function(7)) where context.session?.isSupervisor == true && overridable(context) != nil:
            overrideForm = Form(fields: [TextField(label: ""), TextField(label: "", mask: .digits(8))], labelWidth: 14)
            return .none
        default:
            return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        if queued != nil { return [("Enter", "hint.home")] }
        if overrideForm != nil { return [("Enter", "hint.next_field"), ("Esc", "hint.cancel")] }
        var hints: [Hint] = [("Enter", decision(context).eligible ? "hint.enqueue" : "hint.home")]
        if context.session?.isSupervisor == true, overridable(context) != nil { hints.append(("F7", "hint.override")) }
        hints += [("Esc", "hint.back"), ("F12", "hint.language")]
        return hints
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let decision = decision(context)
        let block = Block(title: context("decision.title", ["name": visit.record.donor.name, "procedure": context.text.procedure(visit.procedure)]))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        func line(_ text: String, _ style: Style = Theme.normal) {
            for wrapped in Paragraph.wrap(text, width: inner.width) where y < inner.bottom {
                buffer.write(wrapped, x: inner.x, y: y, style: style, maxWidth: inner.width)
                y += 1
            }
        }
        let mark = decision.eligible ? "✓" : (decision.status == .incomplete ? "…" : "✗")
        line("\(mark) \(context.text.status(decision))", decision.eligible ? Theme.success : Theme.error)
        for finding in decision.failures { line("• " + context.text.finding(finding)) }
        for finding in decision.overridden { line("• " + context.text.finding(finding), Theme.muted) }
        if !decision.missing.isEmpty {
            let checks = decision.missing.map(context.text.check).joined(separator: context("list.separator"))
            line(context("eligibility.missing", ["checks": checks]), Theme.muted)
        }
        y += 1
        line(context("eligibility.next_title"), Theme.title)
        for (procedure, when) in context.text.nextDates(decision) {
            line("  " + context("eligibility.next_line", ["procedure": context.text.procedure(procedure), "when": when]))
        }
        if let queued {
            y += 1
            line(context("decision.queued"), Theme.success)
            BigText(HomeScreen.ticket(queued.number)).render(in: Rect(x: inner.x, y: y, width: inner.width, height: 5), into: &buffer)
        }
        if let form = overrideForm, let finding = overridable(context) {
            drawOverride(form, finding, in: area, into: &buffer, context)
        }
    }

    private func drawOverride(_ form: Form, _ finding: RuleFinding, in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let box = area.centered(width: min(area.width, 70), height: 10)
        buffer.fill(box)
        let block = Block(title: context("override.title"))
        block.render(in: box, into: &buffer)
        let inner = block.inner(box).inset(horizontal: 1, vertical: 0)
        buffer.write(context.text.finding(finding), x: inner.x, y: inner.y, maxWidth: inner.width)
        var shown = form
        shown[0].label = context("override.reason")
        shown[1] = TextField(label: context("override.pin"), text: String(repeating: "•", count: form[1].text.count))
        shown.focus(form.focus)
        shown.render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: 4), into: &buffer)
        buffer.write(context("override.audited"), x: inner.x, y: inner.y + 6, style: Theme.muted, maxWidth: inner.width)
    }
}
