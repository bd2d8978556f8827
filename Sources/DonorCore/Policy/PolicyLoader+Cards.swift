/// The card, tier and benefit sections of a policy file.
extension PolicyLoader {
    static func parseCards(_ t: TableReader) throws(PolicyError) -> CardRules {
        let a = try t.table("annual"), h = try t.table("honour")
        let ends = try a.string("ends")
        guard ends == "day_before_anniversary" || ends == "anniversary" else {
            throw a.error("ends", "unknown value \"\(ends)\" (expected \"day_before_anniversary\" or \"anniversary\")")
        }
        let region = try h.string("count_region")
        guard region == "policy" || region == "any" else {
            throw h.error("count_region", "unknown value \"\(region)\" (expected \"policy\" or \"any\")")
        }
        return CardRules(
            annual: .init(
                enabled: try a.bool("enabled"), name: try a.localized("name"),
                kinds: try a.choices("kinds", DonationKind.self),
                outcomes: try a.choices("outcomes", DonationOutcome.self),
                validity: try a.duration("validity"), endsDayBefore: ends == "day_before_anniversary",
                extendOnNewDonation: try a.bool("extend_on_new_donation")),
            honour: .init(
                enabled: try h.bool("enabled"), name: try h.localized("name"),
                minCounts: try h.count("min_counts"),
                stemCellQualifies: try h.bool("stem_cell_qualifies"),
                nationalAwardQualifies: try h.bool("national_award_qualifies"),
                countsOnlyInRegion: region == "policy"))
    }

    static let terminalColors: Set<String> = [
        "blue", "red", "yellow", "white", "yellow_bright", "green", "magenta", "cyan",
    ]

    static func parseTiers(_ root: TableReader) throws(PolicyError) -> [RideTier] {
        guard root.has("tiers") else { return [] }
        var tiers: [RideTier] = []
        for t in try root.tables("tiers", allowEmpty: true) {
            let color = try t.string("color")
            guard terminalColors.contains(color) else {
                throw t.error("color", "unknown colour \"\(color)\" (expected one of \(terminalColors.sorted().joined(separator: ", ")))")
            }
            let minCounts = try t.count("min_counts")
            let maxCounts = t.has("max_counts") ? try t.count("max_counts") : nil
            if let maxCounts, maxCounts < minCounts {
                throw t.error("max_counts", "must not be below min_counts (\(minCounts))")
            }
            let tier = RideTier(
                id: try t.string("id"), name: try t.localized("name"), color: color,
                minCounts: minCounts, maxCounts: maxCounts, stemCell: try t.bool("stem_cell", default: false))
            if let previous = tiers.last {
                guard previous.maxCounts != nil, !previous.contains(tier.minCounts) else {
                    throw t.error("min_counts", "overlaps tier \"\(previous.id)\" (tiers must be ascending and must not overlap)")
                }
            }
            tiers.append(tier)
        }
        guard tiers.filter(\.stemCell).count <= 1 else {
            throw root.error("tiers", "only one tier may be marked stem_cell")
        }
        return tiers
    }

    static func parseFeeLevels(_ benefits: TableReader) throws(PolicyError) -> [BenefitRules.FeeLevel] {
        var levels: [BenefitRules.FeeLevel] = []
        for t in try benefits.tables("fee_levels") {
            let id = try t.string("id")
            guard !levels.contains(where: { $0.id == id }) else { throw t.error("id", "duplicate fee level \"\(id)\"") }
            levels.append(.init(id: id, name: try t.localized("name")))
        }
        return levels
    }
}
