import ArgumentParser
import DonorCore

/// `kiosk rules card FILE`: the certificate, ride-code tier, benefits and award progress a
/// donor's history gives under a policy.
struct RulesCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "card",
        abstract: "荣誉证书 · The card, tier, benefits and award progress of a donor file.",
        discussion: "Exits 0 when a card is in force on the date, 1 when none is, 2 when a file or value is wrong.")

    @OptionGroup var options: RulesOptions

    func run() throws {
        var hasCard = false
        try CLIFailure.reporting {
            let (policy, text, donor, date) = try options.load()
            let report = CardReport(history: donor.history, on: date, policy: policy, text: text)
            hasCard = report.card != nil
            if options.json { try printJSON(report) } else { print(report.lines(text: text).joined(separator: "\n")) }
        }
        if !hasCard { throw ExitCode.failure }
    }
}

/// The JSON shape of a donor's card state (field names documented in the README).
struct CardReport: Encodable {
    struct Named: Encodable { var id: String; var name: String }
    struct Annual: Encodable { var since: String; var last_donation: String; var valid_through: String; var active: Bool }
    struct Honour: Encodable { var since: String; var basis: String }
    struct Tier: Encodable { var id: String; var name: String; var color: String }
    struct HospitalEntry: Encodable { var id: String; var name: String; var sample: Bool; var levels: [Named] }
    struct BenefitList: Encodable { var transit: Bool; var scenic_spots: [Named]; var hospitals: [HospitalEntry] }
    struct Award: Encodable {
        var total_counts: CountValue
        var level: Named?
        var golds: Int
        var lifetime: Bool
        var counts_toward_next: CountValue
        var next: NextLevel?
        var next_cutoff: String
    }
    struct NextLevel: Encodable { var level: Named; var missing: CountValue }

    var policy: String
    var date: String
    var card: String?
    var card_name: String?
    var card_counts: CountValue
    var stem_cell_donor: Bool
    var annual: Annual?
    var honour: Honour?
    var tier: Tier?
    var benefits: BenefitList?
    var award: Award

    init(history: [Donation], on date: LocalDate, policy: Policy, text: DecisionText) {
        let s = text.strings
        let status = CardStatus(history: history, on: date, policy: policy)
        let award = AwardStatus(history: history, on: date, policy: policy)
        self.policy = policy.reference
        self.date = date.iso
        card = status.effective?.rawValue
        card_name = status.effective.map { s.pick(policy.cards.name($0)) }
        card_counts = status.cardCounts
        stem_cell_donor = status.stemCellDonor
        annual = status.annual.map { Annual(since: $0.since.iso, last_donation: $0.lastDonation.iso, valid_through: $0.validThrough.iso, active: $0.active) }
        honour = status.honour.map { Honour(since: $0.since.iso, basis: $0.basis.rawValue) }
        tier = status.tier.map { Tier(id: $0.id, name: s.pick($0.name), color: $0.color) }
        benefits = status.effective.map { kind in
            let b = Benefits(card: kind, on: date, policy: policy)
            return BenefitList(
                transit: b.transit,
                scenic_spots: b.scenicSpots.map { Named(id: $0.id, name: s.pick($0.name)) },
                hospitals: b.hospitals.map { h in
                    HospitalEntry(id: h.hospital.id, name: s.pick(h.hospital.name), sample: h.hospital.sample,
                                  levels: h.levels.map { Named(id: $0.id, name: s.pick($0.name)) })
                })
        }
        self.award = Award(
            total_counts: award.totalCounts, level: award.level.map { Named(id: $0.id, name: s.pick($0.name)) },
            golds: award.golds, lifetime: award.lifetime, counts_toward_next: award.countsTowardNext,
            next: award.next.map { NextLevel(level: Named(id: $0.level.id, name: s.pick($0.level.name)), missing: $0.missing) },
            next_cutoff: award.nextCutoff.iso)
    }

    /// The human form, as a volunteer would read it out.
    func lines(text: DecisionText) -> [String] {
        let s = text.strings
        var lines: [String] = []
        if let honour, let card_name {
            lines.append("✓ " + s("card.honour", ["name": card_name, "date": honour.since]) + " · " + s("honour_basis.\(honour.basis)"))
        } else if let annual, annual.active, let card_name {
            lines.append("✓ " + s("card.annual_valid", ["name": card_name, "date": annual.valid_through]))
        } else if let annual {
            lines.append("✗ " + s("card.annual_expired", ["name": s("card.annual_name"), "date": annual.valid_through]))
        } else {
            lines.append("✗ " + s("card.none"))
        }
        if let tier { lines.append("  " + s("card.tier", ["name": tier.name])) }
        lines.append("  " + s("card.counts", ["counts": card_counts.description]))
        if let benefits {
            if benefits.transit { lines.append("  • " + s("card.transit")) }
            let separator = s("list.separator")
            lines.append("  • " + s("card.list", ["title": s("card.scenic"), "n": "\(benefits.scenic_spots.count)",
                                                  "items": benefits.scenic_spots.map(\.name).joined(separator: separator)]))
            lines.append("  • " + s("card.list", ["title": s("card.hospital"), "n": "\(benefits.hospitals.count)", "items": ""]))
            for h in benefits.hospitals {
                lines.append("      " + s("card.hospital_line", [
                    "name": h.name, "sample": h.sample ? s("card.sample") : "",
                    "levels": h.levels.map(\.name).joined(separator: separator)]))
            }
        }
        lines.append("  " + s("award.line", ["title": s("award.title"), "level": award.level?.name ?? s("award.none")]))
        if award.lifetime { lines.append("  " + s("award.lifetime_reached")) }
        if award.golds > 0 { lines.append("  " + s("award.golds", ["n": "\(award.golds)"])) }
        if let next = award.next { lines.append("  " + s("award.next", ["missing": next.missing.description, "level": next.level.name])) }
        lines.append("  " + s("award.cutoff", ["date": award.next_cutoff]))
        return lines
    }
}
