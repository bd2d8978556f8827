import Foundation

/// Loads a policy file and the catalogues it names, validating everything: a bad file is one
/// `PolicyError` naming the file, the key and the line, never a half-loaded policy.
public enum PolicyLoader {
    /// Loads the policy at `path`; catalogue paths inside it are relative to its folder.
    public static func load(path: String) throws(PolicyError) -> Policy {
        let text = try readText(path)
        let folder = (path as NSString).deletingLastPathComponent
        return try parse(text, file: path) { relative throws(PolicyError) in
            let catalogPath = relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
            return (catalogPath, try readText(catalogPath))
        }
    }

    /// Parses policy text. `catalog` returns the display path and text of a catalogue file.
    public static func parse(
        _ text: String, file: String,
        catalog: (String) throws(PolicyError) -> (path: String, text: String)
    ) throws(PolicyError) -> Policy {
        let root = try parseTOML(text, file: file)
        let policyTable = try root.table("policy")
        let procedures = try root.table("procedures")
        let eligibility = try root.table("eligibility")
        let benefits = try root.table("benefits")
        let feeLevels = try parseFeeLevels(benefits)
        let deferralRules = try parseDeferralRules(root)

        let scenicRef = try benefits.string("scenic_catalog")
        let hospitalRef = try benefits.string("hospital_catalog")
        let scenicFile = try catalog(scenicRef)
        let hospitalFile = try catalog(hospitalRef)
        let scenic = try CatalogLoader.scenicSpots(scenicFile.text, file: scenicFile.path)
        let hospitals = try CatalogLoader.hospitals(
            hospitalFile.text, file: hospitalFile.path, feeLevels: Set(feeLevels.map(\.id)))

        let transit = try benefits.table("transit")
        var policy = Policy(
            id: try policyTable.string("id"),
            version: try policyTable.string("version"),
            name: try policyTable.localized("name"),
            region: try policyTable.string("region"),
            effectiveFrom: try policyTable.date("effective_from"),
            timeZone: try parseTimeZone(policyTable),
            procedures: try parseProcedures(procedures),
            counts: try parseCounts(root.table("counts")),
            awards: try parseAwards(root.table("awards")),
            eligibility: try parseEligibility(eligibility),
            intervals: try parseIntervals(root.table("intervals")),
            overridableRules: try parseOverrides(root),
            deferralRules: deferralRules,
            questionnaire: try parseQuestionnaire(root.table("questionnaire"), rules: deferralRules),
            cards: try parseCards(root.table("cards")),
            tiers: try parseTiers(root),
            benefits: BenefitRules(
                transit: .init(cards: try transit.choices("cards", CardKind.self), name: try transit.localized("name")),
                scenicName: try benefits.table("scenic").localized("name"),
                hospitalName: try benefits.table("hospital").localized("name"),
                feeLevels: feeLevels, scenicSpots: scenic.spots, hospitals: hospitals.hospitals,
                scenicCatalogVersion: scenic.version, hospitalCatalogVersion: hospitals.version))
        if root.has("bags") { policy.bags = try parseBags(root.table("bags")) }
        return policy
    }

    static func readText(_ path: String) throws(PolicyError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PolicyError(file: path, key: nil, line: nil, message: "cannot read the file (missing or not readable)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PolicyError(file: path, key: nil, line: nil, message: "the file is not UTF-8 text")
        }
        return text
    }

    static func parseTOML(_ text: String, file: String) throws(PolicyError) -> TableReader {
        do {
            return TableReader(try TOMLParser.parse(text), file: file)
        } catch {
            throw PolicyError(file: file, key: nil, line: error.line, message: error.message)
        }
    }

    private static func parseTimeZone(_ t: TableReader) throws(PolicyError) -> String {
        let name = try t.string("time_zone")
        guard TimeZone(identifier: name) != nil else {
            throw t.error("time_zone", "unknown time zone \"\(name)\" (e.g. \"Asia/Shanghai\")")
        }
        return name
    }

    private static func parseProcedures(_ t: TableReader) throws(PolicyError) -> ProcedureRules {
        for key in t.toml.keys where Procedure(rawValue: key) == nil {
            throw t.error(key, "unknown procedure \"\(key)\" (expected whole_blood, platelets or plasma)")
        }
        let whole = try t.table("whole_blood"), platelets = try t.table("platelets"), plasma = try t.table("plasma")
        return ProcedureRules(
            wholeBloodVolumesML: try whole.ints("volumes_ml"),
            plateletDoses: try platelets.ints("doses"),
            plateletYearlyLimit: try platelets.int("yearly_limit", min: 1),
            plateletYearlyWindow: try platelets.duration("yearly_window"),
            plasmaVolumesML: try plasma.ints("volumes_ml"))
    }

    private static func parseCounts(_ t: TableReader) throws(PolicyError) -> CountRules {
        let volumes = try t.table("whole_blood_ml")
        var byVolume: [Int: CountValue] = [:]
        for key in volumes.toml.keys {
            guard let ml = Int(key), ml > 0 else {
                throw volumes.error(key, "keys must be volumes in millilitres, like \"200\"")
            }
            byVolume[ml] = try volumes.count(key)
        }
        return CountRules(
            outcomes: try t.choices("outcomes", DonationOutcome.self),
            wholeBloodByVolume: byVolume,
            plateletsPerDose: try t.count("platelets_per_dose"),
            plasmaPerDonation: try t.count("plasma_per_donation"),
            apheresisLegacyBefore: try t.date("apheresis_legacy_before"),
            apheresisLegacyPerUnit: try t.count("apheresis_legacy_per_unit"))
    }

    private static func parseAwards(_ t: TableReader) throws(PolicyError) -> AwardRules {
        var levels: [AwardRules.Level] = []
        for level in try t.tables("levels") {
            let next = AwardRules.Level(
                id: try level.string("id"), name: try level.localized("name"),
                minCounts: try level.count("min_counts"))
            if let last = levels.last, next.minCounts <= last.minCounts {
                throw level.error("min_counts", "award levels must be in ascending order of min_counts")
            }
            levels.append(next)
        }
        let recount = try t.string("recount_after")
        guard levels.contains(where: { $0.id == recount }) else {
            throw t.error("recount_after", "names no award level (\"\(recount)\")")
        }
        let lifetime = try t.table("lifetime")
        return AwardRules(
            levels: levels, cycleYears: try t.int("cycle_years", min: 1),
            cycleAnchorYear: try t.int("cycle_anchor_year", min: 1),
            lifetimeGolds: try t.int("lifetime_golds", min: 1), recountAfter: recount,
            lifetimeID: try lifetime.string("id"), lifetimeName: try lifetime.localized("name"))
    }

    private static func parseBags(_ t: TableReader) throws(PolicyError) -> BagRules {
        switch try t.string("format") {
        case "isbt128": return .isbt128
        case "digits": return .digits(length: try t.int("length", min: 1))
        case let other: throw t.error("format", "unknown bag format \"\(other)\" (expected \"isbt128\" or \"digits\")")
        }
    }
}
