import DonorCore
import TerminalUI

/// The donor's own page, the questionnaire steps and the ticket.
extension SelfServiceScreen {
    func page(_ tab: Int, in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        guard let record else { return }
        let left = CardQRColumn.draw(tab == 0 ? signed : nil, in: area, into: &buffer)
        let block = Block(title: context("selfservice.page.title", ["name": record.donor.name]))
        block.render(in: left, into: &buffer)
        let inner = block.inner(left).inset(horizontal: 1, vertical: 0)
        let tabs = (0..<3).map { index -> String in
            let name = context("selfservice.page.tab\(index)")
            return index == tab ? "[\(name)]" : " \(name) "
        }.joined(separator: " ")
        buffer.write(tabs, x: inner.x, y: inner.y, style: Theme.title, maxWidth: inner.width)
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1))
        let texts: [(String, Style)]
        switch tab {
        case 0: texts = summary(record, context)
        case 1: texts = benefits(record, context)
        default: texts = history(record, context)
        }
        Self.lines(texts, in: body, from: body.y, into: &buffer)
    }

    func summary(_ record: DonorRecord, _ context: ScreenContext) -> [(String, Style)] {
        let donor = record.donor
        let status = CardStatus(history: donor.history, on: context.today, policy: context.policy)
        let award = AwardStatus(history: donor.history, on: context.today, policy: context.policy)
        var texts: [(String, Style)] = [
            (context("selfservice.page.identity", ["masked": Masked.id(donor), "phone": donor.phone.map(Masked.phone) ?? "—"]), Theme.muted),
            (CertificateText.totalsLine(donor.history, context), Theme.normal),
            (CertificateText.cardLine(status, context), status.effective != nil ? Theme.success : Theme.normal),
        ]
        if let tier = status.tier {
            texts.append(("■ " + context("card.tier", ["name": context.strings.pick(tier.name)]),
                          Style(foreground: CertificateText.color(tier.color), attributes: .bold)))
        }
        texts.append((context("award.line", ["title": context("award.title"), "level": award.level.map { context.strings.pick($0.name) } ?? context("award.none")]), Theme.normal))
        if let next = award.next {
            texts.append((context("award.next", ["missing": next.missing.description, "level": context.strings.pick(next.level.name)]), Theme.highlight))
        }
        texts.append((context("eligibility.next_title"), Theme.title))
        let decision = EligibilityEngine.decide(EligibilityInput(
            donor: donor.profile, history: donor.history, deferrals: donor.deferrals, answers: nil, vitals: Vitals(),
            procedure: .wholeBlood, date: context.today), policy: context.policy).redacted(for: .donor)
        for procedure in Procedure.allCases {
            let when = decision.nextPossible[procedure].map {
                $0 <= context.today ? context("eligibility.next.today") : context("eligibility.next.from", ["date": $0.iso])
            } ?? context("eligibility.next.never")
            texts.append(("  " + context("eligibility.next_line", ["procedure": context.text.procedure(procedure), "when": when]), Theme.normal))
        }
        if signed != nil { texts.append((context("selfservice.page.qr"), Theme.muted)) }
        return texts
    }

    func benefits(_ record: DonorRecord, _ context: ScreenContext) -> [(String, Style)] {
        let status = CardStatus(history: record.donor.history, on: context.today, policy: context.policy)
        guard let card = status.effective else { return [(context("selfservice.page.no_card"), Theme.normal)] }
        var texts: [(String, Style)] = [(CertificateText.cardLine(status, context), Theme.success)]
        let benefits = Benefits(card: card, on: context.today, policy: context.policy)
        let separator = context("list.separator")
        if benefits.transit { texts.append(("• " + context.strings.pick(context.policy.benefits.transit.name), Theme.normal)) }
        texts.append(("• " + context("card.list", [
            "title": context.strings.pick(context.policy.benefits.scenicName), "n": "\(benefits.scenicSpots.count)",
            "items": benefits.scenicSpots.map { context.strings.pick($0.name) }.joined(separator: separator)]), Theme.normal))
        texts.append(("• " + context("card.list", ["title": context.strings.pick(context.policy.benefits.hospitalName),
                                                   "n": "\(benefits.hospitals.count)", "items": ""]), Theme.normal))
        for hospital in benefits.hospitals {
            texts.append(("  " + context("card.hospital_line", [
                "name": context.strings.pick(hospital.hospital.name), "sample": hospital.hospital.sample ? context("card.sample") : "",
                "levels": hospital.levels.map { context.strings.pick($0.name) }.joined(separator: separator)]), Theme.normal))
        }
        return texts
    }

    func history(_ record: DonorRecord, _ context: ScreenContext) -> [(String, Style)] {
        let history = CountCalculator.chronological(record.donor.history).reversed()
        guard !history.isEmpty else { return [(context("selfservice.page.first_time"), Theme.normal)] }
        return history.map { donation in
            let amount = donation.volumeML.map { context("donor.amount_ml", ["n": "\($0)"]) }
                ?? donation.doses.map { context("donor.amount_doses", ["n": "\($0)"]) } ?? ""
            var line = "\(donation.date.iso)  " + context("procedure.\(donation.kind.rawValue)") + " " + amount
                + "  " + context("outcome.\(donation.outcome.rawValue)")
            if donation.voided { line += " " + context("donor.voided") }
            return (line, Theme.normal)
        }
    }

    func question(_ index: Int, in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let questionnaire = context.policy.questionnaire
        guard questionnaire.questions.indices.contains(index) else { return }
        let question = questionnaire.questions[index]
        let group = questionnaire.groups.first { $0.id == question.group }.map { context.strings.pick($0.name) } ?? ""
        let block = Block(title: context("selfservice.question.title", ["n": "\(index + 1)", "total": "\(questionnaire.questions.count)"]))
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 2, vertical: 1)
        var row = Self.lines([(group, Theme.muted)], in: inner, from: inner.y, into: &buffer) + 1
        row = Self.lines([(context.strings.pick(question.text), Theme.title.adding(.bold))], in: inner, from: row, into: &buffer) + 2
        let previous = answers[question.id].map { context($0 ? "answer.yes" : "answer.no") }
        row = Self.lines([(context("selfservice.question.keys"), Theme.highlight)], in: inner, from: row, into: &buffer) + 1
        if let previous { row = Self.lines([(context("selfservice.question.previous", ["answer": previous]), Theme.muted)], in: inner, from: row, into: &buffer) }
        Self.lines([(context("selfservice.question.help"), Theme.muted)], in: inner, from: inner.bottom - 2, into: &buffer)
    }

    func finished(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let inner = area.inset(horizontal: 2, vertical: 1)
        guard let record else { return }
        let deferrals = Self.deferrals(record, answers, context)
        if let ticket {
            var row = Self.lines([(context("selfservice.ticket.saved"), Theme.success)], in: inner, from: inner.y, into: &buffer) + 1
            let number = HomeScreen.ticket(ticket.number)
            let big = BigText(number)
            if big.width <= inner.width, row + 6 < inner.bottom {
                big.render(in: Rect(x: inner.x, y: row, width: inner.width, height: 5), into: &buffer)
                row += 6
            }
            row = Self.lines([(context("selfservice.ticket.number", ["number": number]), Theme.title)], in: inner, from: row, into: &buffer)
            Self.lines([(context("selfservice.ticket.next"), Theme.normal)], in: inner, from: row + 1, into: &buffer)
        } else {
            var texts: [(String, Style)] = [(context("selfservice.deferred.thanks"), Theme.title)]
            let until = deferrals.compactMap(\.until).max()
            if let until {
                texts.append((context("selfservice.deferred.until", ["date": until.iso]), Theme.normal))
            } else {
                texts.append((context("selfservice.deferred.talk"), Theme.normal))
            }
            texts.append((context("selfservice.deferred.saved"), Theme.muted))
            Self.lines(texts, in: inner, from: inner.y, into: &buffer)
        }
        Self.lines([(context("selfservice.ticket.done"), Theme.muted)], in: inner, from: inner.bottom - 1, into: &buffer)
    }
}
