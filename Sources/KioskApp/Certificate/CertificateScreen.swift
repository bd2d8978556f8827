import DonorCore
import TerminalUI

/// The certificate after a donation (or from the donor's record): what changed, the ride-code
/// tier in its colour, the benefits, activation with one confirmation, then the signed QR code
/// and the thank-you line.
public struct CertificateScreen: Sendable {
    public var record: DonorRecord
    public var confirming = false
    public var signed: SignedCard?
    /// Whether `signed` was activated before this screen opened (shown again, not activated a
    /// second time: a second activation would count twice in the day's figures and the centre).
    public var activatedBefore = false
    public var busy = false
    /// A supervisor's written reason for voiding the latest donation, while F9 is open.
    public var voidReason: TextField?
    /// A supervisor's correction of the latest donation, while F8 is open.
    public var correction: CorrectionForm?

    /// The certificate of `record`; `activeCard` is the card now in force when it was already
    /// activated, which the screen shows with its QR code instead of offering to activate it.
    public init(record: DonorRecord, activeCard: SignedCard? = nil) {
        self.record = record
        self.signed = activeCard
        self.activatedBefore = activeCard != nil
    }

    /// A supervisor may correct or void the latest donation until a card is activated on this
    /// screen; a card activated before it opened does not stop that.
    var mayCorrect: Bool { signed == nil || activatedBefore }

    /// The card before today's donations and now.
    func statuses(_ context: ScreenContext) -> (before: CardStatus, after: CardStatus) {
        let history = record.donor.history
        let before = CardStatus(history: history.filter { $0.date < context.today }, on: context.today, policy: context.policy)
        return (before, CardStatus(history: history, on: context.today, policy: context.policy))
    }

    /// The latest donation not yet voided: what a supervisor may void.
    var latestDonation: Donation? {
        record.donor.history.filter { !$0.voided }.max { $0.date < $1.date }
    }

    /// Applies a key (or scan) and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        if var form = correction {
            switch form.handle(event, context.policy) {
            case .editing: correction = form
            case .cancelled: correction = nil
            case .reasonMissing:
                correction = form
                return .toast(context("correct.reason_missing"), .error)
            case .save(let change):
                correction = nil
                return .correctDonation(change)
            }
            return .none
        }
        if var field = voidReason {
            switch event {
            case .key(.escape):
                voidReason = nil
            case .key(.enter):
                let reason = field.text.trimmingCharacters(in: .whitespaces)
                guard !reason.isEmpty, let donation = latestDonation else { return .toast(context("void.reason_missing"), .error) }
                voidReason = nil
                return .voidDonation(id: donation.id, reason: reason, donorID: record.id)
            default:
                field.handle(event)
                voidReason = field
            }
            return .none
        }
        switch event {
        case .key(.function(9)) where context.session?.isSupervisor == true && latestDonation != nil && mayCorrect:
            var field = TextField(label: "")
            field.isFocused = true
            voidReason = field
            return .none
        case .key(.function(8)) where context.session?.isSupervisor == true && mayCorrect:
            guard let donation = latestDonation else { return .none }
            correction = CorrectionForm(donation: donation, donorID: record.id, policy: context.policy)
            return .none
        case .key(.escape):
            if confirming {
                confirming = false
                return .none
            }
            return .home
        case .key(.enter):
            if signed != nil { return .home }
            let after = statuses(context).after
            guard after.effective != nil else { return .toast(context("card.none"), .error) }
            if !confirming {
                confirming = true
                return .none
            }
            confirming = false
            busy = true
            return .activate(donorID: record.id, status: after)
        default:
            return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        if voidReason != nil { return [("Enter", "hint.void"), ("Esc", "hint.cancel")] }
        if correction != nil {
            return [("Enter", "hint.save"), ("←→", "hint.amount"), ("F6", "hint.outcome"), ("Esc", "hint.cancel")]
        }
        if signed != nil {
            var hints: [Hint] = [("Enter", "hint.home")]
            if activatedBefore, context.session?.isSupervisor == true, latestDonation != nil {
                hints += [("F8", "hint.correct"), ("F9", "hint.void")]
            }
            return hints + [("F12", "hint.language")]
        }
        if confirming { return [("Enter", "hint.confirm"), ("Esc", "hint.cancel")] }
        // Activation is offered only when there is a card to activate (not after a void, say).
        var hints: [Hint] = statuses(context).after.effective == nil ? [("Esc", "hint.back")] : [("Enter", "hint.activate"), ("Esc", "hint.back")]
        if context.session?.isSupervisor == true, latestDonation != nil {
            hints.append(("F8", "hint.correct"))
            hints.append(("F9", "hint.void"))
        }
        return hints + [("F12", "hint.language")]
    }

    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let (before, after) = statuses(context)
        let left = CardQRColumn.draw(signed, in: area, into: &buffer)
        let block = Block(title: context("certificate.title", ["name": record.donor.name]))
        block.render(in: left, into: &buffer)
        let inner = block.inner(left).inset(horizontal: 1, vertical: 0)
        var y = inner.y
        func line(_ text: String, _ style: Style = Theme.normal) {
            for wrapped in Paragraph.wrap(text, width: inner.width) where y < inner.bottom {
                buffer.write(wrapped, x: inner.x, y: y, style: style, maxWidth: inner.width)
                y += 1
            }
        }
        let heading = CertificateText.heading(before: before, after: after, context)
        line(heading[0], Theme.title)
        for more in heading.dropFirst() { line(more) }
        if let tier = after.tier {
            line("■ " + context("card.tier", ["name": context.strings.pick(tier.name)]),
                 Style(foreground: CertificateText.color(tier.color), attributes: .bold))
        }
        line(context("card.counts", ["counts": after.cardCounts.description]), Theme.muted)
        if let card = after.effective, signed == nil, correction == nil {
            for benefit in CertificateText.benefitLines(card, context) { line(benefit) }
        }
        if let signed {
            y += 1
            line("✓ " + context("certificate.activated", ["card": context("certificate.card.\(signed.card.rawValue)")]), Theme.success)
            line(context(activatedBefore ? "certificate.activated_before" : "certificate.thanks"), Theme.success.adding(.bold))
            line(context("certificate.qr_help"), Theme.muted)
        } else if confirming {
            y += 1
            line(context("certificate.confirm"), Theme.highlight)
        } else if busy {
            line(context("certificate.activating"), Theme.muted)
        }
        if let correction {
            _ = correction.view(in: inner, from: y + 1, into: &buffer, context)
        }
        if let field = voidReason, let donation = latestDonation {
            y += 1
            line(context("void.title", ["date": donation.date.iso, "procedure": context("procedure.\(donation.kind.rawValue)")]), Theme.error)
            buffer.write(context("void.reason"), x: inner.x, y: y, style: Theme.title, maxWidth: 12)
            field.render(in: Rect(x: inner.x + 12, y: y, width: max(1, min(30, inner.width - 12)), height: 1), into: &buffer)
        }
    }
}
