import DonorCore
import TerminalUI

extension CheckInScreen {
    /// Draws the screen into `area`.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let block = Block(title: context("checkin.title"))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        switch phase {
        case .entry:
            buffer.write(context("checkin.prompt"), x: inner.x, y: inner.y + 1, style: Theme.title, maxWidth: inner.width)
            var field = idField
            field.isFocused = true
            field.render(in: Rect(x: inner.x, y: inner.y + 3, width: min(24, inner.width), height: 1), into: &buffer)
            if let message = idField.validationMessage {
                buffer.write("✗ " + message, x: inner.x, y: inner.y + 4, style: Theme.error, maxWidth: inner.width)
            } else if idField.text.count == 18 || idField.text.count == 15 {
                buffer.write("✓ " + context("checkin.id_ok"), x: inner.x, y: inner.y + 4, style: Theme.success, maxWidth: inner.width)
            }
            if busy { buffer.write(context("checkin.looking_up"), x: inner.x, y: inner.y + 6, style: Theme.muted) }
            buffer.write(context("checkin.scan_help"), x: inner.x, y: inner.y + 8, style: Theme.muted, maxWidth: inner.width)
        case .card(let record):
            DonorCardView(record: record, todaysAnswers: todaysAnswers).render(in: inner, into: &buffer, context)
        case .register(let document):
            drawRegistration(document, in: inner, into: &buffer, context)
        case .duplicates(let candidates, _, let list):
            buffer.write(context("register.duplicates", ["n": "\(candidates.count)"]), x: inner.x, y: inner.y, style: Theme.title, maxWidth: inner.width)
            var state = list
            state.visibleRows = max(1, inner.height - 3)
            let rows = candidates.map { [$0.donor.name, Masked.id($0.donor), $0.donor.birthDate.iso, $0.donor.phone.map(Masked.phone) ?? "-"] }
            Table(headers: [context("home.col.name"), context("home.col.id"), context("register.birth"), context("register.phone")],
                  rows: rows, widths: [.fixed(8), .min(18), .fixed(10), .fixed(12)], state: state)
                .render(in: Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2), into: &buffer)
        }
    }

    private func drawRegistration(_ document: IdentityDocument, in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        buffer.write(context("register.title"), x: area.x, y: area.y, style: Theme.title, maxWidth: area.width)
        let sex = document.sex.map { context("sex.\($0.rawValue)") } ?? "-"
        let birth = document.birthDate?.iso ?? "-"
        let age = document.birthDate.map { "\($0.age(on: context.today))" } ?? "-"
        buffer.write(context("register.from_id", ["id": document.masked, "sex": sex, "birth": birth, "age": age]),
                     x: area.x, y: area.y + 1, maxWidth: area.width)
        var form = registration
        form[0].label = context("register.name")
        form[1].label = context("register.phone")
        form[2].label = context("register.blood")
        // The phone is masked once it is complete and the cursor has left it.
        if form.focus != 1, form[1].text.count == 11 {
            form[1] = TextField(label: form[1].label, text: Masked.phone(form[1].text))
        }
        form.render(in: Rect(x: area.x, y: area.y + 3, width: area.width, height: 6), into: &buffer)
        if busy { buffer.write(context("register.checking"), x: area.x, y: area.y + 10, style: Theme.muted) }
        if let registryLoading {
            Paragraph(context("sync.still_loading", ["progress": registryLoading]), style: Style(foreground: .yellow, attributes: .bold))
                .render(in: Rect(x: area.x, y: area.y + 11, width: area.width, height: max(0, area.height - 11)), into: &buffer)
        }
    }
}

/// A returning donor's card: who, what they have given, their certificate and when each
/// procedure is next possible. A permanent deferral reads "please see the nurse" to anyone but
/// a supervisor.
public struct DonorCardView: Sendable {
    public var record: DonorRecord
    /// Answers the donor gave today; a "yes" that defers moves the dates shown.
    public var todaysAnswers: [String: Bool]

    public init(record: DonorRecord, todaysAnswers: [String: Bool] = [:]) {
        self.record = record
        self.todaysAnswers = todaysAnswers
    }

    public func render(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let donor = record.donor
        let policy = context.policy
        var y = area.y
        func line(_ text: String, _ style: Style = Theme.normal) {
            guard y < area.bottom else { return }
            buffer.write(text, x: area.x, y: y, style: style, maxWidth: area.width)
            y += 1
        }
        line("\(donor.name)  \(Masked.id(donor))", Theme.title)
        line(context("card.person", [
            "age": "\(donor.birthDate.age(on: context.today))", "sex": context("sex.\(donor.sex.rawValue)"),
            "blood": donor.bloodType?.description ?? "-",
        ]))
        line(CertificateText.totalsLine(donor.history, context))
        for donation in CertificateText.given(donor.history).sorted(by: { $0.date > $1.date }).prefix(3) {
            let amount = donation.volumeML.map { "\($0) ml" } ?? donation.doses.map { context("collection.doses_n", ["n": "\($0)"]) } ?? ""
            line("  \(donation.date.iso)  \(context("procedure.\(donation.kind.rawValue)")) \(amount)", Theme.muted)
        }
        let status = CardStatus(history: donor.history, on: context.today, policy: policy)
        line(CertificateText.cardLine(status, context), Theme.title)
        if let tier = status.tier {
            line(context("card.tier", ["name": context.strings.pick(tier.name)]), Style(foreground: CertificateText.color(tier.color), attributes: .bold))
        }
        y += 1
        let decision = Visit(record: record, answers: todaysAnswers).decision(policy: policy, date: context.today).redacted(for: context.viewer)
        if decision.failures.contains(where: { $0.messageKey == "eligibility.see_nurse" }) {
            line("⚠ " + context("eligibility.see_nurse"), Theme.error)
        } else {
            // Deferrals on record, and a "yes" given earlier today that defers: why the dates below moved.
            for finding in decision.failures where finding.code.hasPrefix("deferral.") || finding.code == RuleCode.questionnaireDeferral {
                line("⚠ " + context.text.finding(finding), Theme.error)
            }
        }
        line(context("eligibility.next_title"), Theme.title)
        for (procedure, when) in context.text.nextDates(decision) {
            line("  " + context("eligibility.next_line", ["procedure": context.text.procedure(procedure), "when": when]))
        }
    }
}
