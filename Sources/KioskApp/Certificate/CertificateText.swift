import DonorCore
import TerminalUI

/// Sentences about cards shared by the donor card and the certificate screen.
public enum CertificateText {
    /// "献血 3 次 · 计次 4 · 共 800 ml · 血小板 2 个治疗量": the donations that took place (not
    /// voided, blood drawn), their award counts, and what was given: millilitres of whole blood
    /// and plasma, platelet doses (a platelet donor's "0 ml" said nothing). The check-in card
    /// and the donor's own page show the same line.
    public static func totalsLine(_ history: [Donation], _ context: ScreenContext) -> String {
        let given = given(history)
        let counts = CountCalculator.total(given, policy: context.policy)
        let millilitres = given.filter { $0.kind == .wholeBlood || $0.kind == .plasma }.reduce(0) { $0 + ($1.volumeML ?? 0) }
        let doses = given.filter { $0.kind == .platelets }.reduce(0) { $0 + ($1.doses ?? 1) }
        var amounts: [String] = []
        if millilitres > 0 || doses == 0 { amounts.append(context("card.volume", ["ml": "\(millilitres)"])) }
        if doses > 0 { amounts.append(context("card.doses", ["n": "\(doses)"])) }
        return context("card.totals", ["n": "\(given.count)", "counts": counts.description, "amounts": amounts.joined(separator: " · ")])
    }

    /// The donations that took place: not voided, blood drawn.
    public static func given(_ history: [Donation]) -> [Donation] {
        history.filter { !$0.voided && $0.outcome != .notDrawn }
    }

    /// "年卡，有效期至 2027-02-28" / "荣誉卡，终身有效" / "暂无有效优待证".
    public static func cardLine(_ status: CardStatus, _ context: ScreenContext) -> String {
        let cards = context.policy.cards
        if let honour = status.honour {
            return context("card.honour", ["name": context.strings.pick(cards.honour.name), "date": honour.since.iso])
        }
        if let annual = status.annual {
            let key = annual.active ? "card.annual_valid" : "card.annual_expired"
            return context(key, ["name": context.strings.pick(cards.annual.name), "date": annual.validThrough.iso])
        }
        return context("card.none")
    }

    /// The certificate's opening lines: what changed, then the card as it stands only when the
    /// first line did not already say it (a new annual card, an extension, the honour card).
    public static func heading(before: CardStatus, after: CardStatus, _ context: ScreenContext) -> [String] {
        if let changed = changed(before: before, after: after, context) { return [changed] }
        return [context("certificate.change.none"), cardLine(after, context)]
    }

    /// What the donation changed (a new annual card, the annual card extended, the honour card
    /// reached); nil when the card is as it was.
    static func changed(before: CardStatus, after: CardStatus, _ context: ScreenContext) -> String? {
        let cards = context.policy.cards
        if before.honour == nil, let honour = after.honour {
            return context("certificate.change.honour", ["name": context.strings.pick(cards.honour.name), "date": honour.since.iso])
        }
        if after.honour == nil, let annual = after.annual, annual.active {
            if before.annual?.active == true, let old = before.annual?.validThrough, old < annual.validThrough {
                return context("certificate.change.extended", ["from": old.iso, "to": annual.validThrough.iso])
            }
            if before.annual?.active != true {
                return context("certificate.change.new_annual", ["date": annual.validThrough.iso])
            }
        }
        return nil
    }

    /// The terminal colour for a policy tier colour name.
    public static func color(_ name: String) -> Color {
        switch name {
        case "blue": return .brightBlue
        case "red": return .red
        case "yellow": return .yellow
        case "white": return .brightWhite
        case "yellow_bright": return .brightYellow
        case "green": return .green
        case "magenta": return .magenta
        case "cyan": return .cyan
        default: return .default
        }
    }

    /// One line per benefit: transit, scenic spots, hospitals.
    public static func benefitLines(_ card: CardKind, _ context: ScreenContext) -> [String] {
        let benefits = Benefits(card: card, on: context.today, policy: context.policy)
        let rules = context.policy.benefits
        let separator = context("list.separator")
        var lines: [String] = []
        if benefits.transit { lines.append("• " + context.strings.pick(rules.transit.name)) }
        if !benefits.scenicSpots.isEmpty {
            lines.append("• " + context("card.list", [
                "title": context.strings.pick(rules.scenicName), "n": "\(benefits.scenicSpots.count)",
                "items": benefits.scenicSpots.map { context.strings.pick($0.name) }.joined(separator: separator),
            ]))
        }
        if !benefits.hospitals.isEmpty {
            lines.append("• " + context("card.list", [
                "title": context.strings.pick(rules.hospitalName), "n": "\(benefits.hospitals.count)",
                "items": benefits.hospitals.map { context.strings.pick($0.hospital.name) }.joined(separator: separator),
            ]))
        }
        return lines
    }
}
