/// Loads the scenic-spot and hospital catalogues a policy names.
enum CatalogLoader {
    static func scenicSpots(_ text: String, file: String) throws(PolicyError) -> (version: String, spots: [ScenicSpot]) {
        let root = try PolicyLoader.parseTOML(text, file: file)
        let version = try root.table("catalog").string("version")
        var spots: [ScenicSpot] = []
        for t in try root.tables("spot") {
            let id = try t.string("id")
            guard !spots.contains(where: { $0.id == id }) else { throw t.error("id", "duplicate spot \"\(id)\"") }
            spots.append(ScenicSpot(
                id: id, name: try t.localized("name"), cards: try t.choices("cards", CardKind.self),
                since: try t.date("since")))
        }
        return (version, spots)
    }

    static func hospitals(_ text: String, file: String, feeLevels: Set<String>) throws(PolicyError) -> (version: String, hospitals: [Hospital]) {
        let root = try PolicyLoader.parseTOML(text, file: file)
        let version = try root.table("catalog").string("version")
        var hospitals: [Hospital] = []
        for t in try root.tables("hospital") {
            let id = try t.string("id")
            guard !hospitals.contains(where: { $0.id == id }) else { throw t.error("id", "duplicate hospital \"\(id)\"") }
            var waived: [CardKind: [String]] = [:]
            for kind in CardKind.allCases where t.has(kind.rawValue) {
                let levels = try t.strings(kind.rawValue, allowEmpty: true)
                for level in levels where !feeLevels.contains(level) {
                    throw t.error(kind.rawValue, "unknown fee level \"\(level)\" (the policy defines \(feeLevels.sorted().joined(separator: ", ")))")
                }
                waived[kind] = levels
            }
            hospitals.append(Hospital(
                id: id, name: try t.localized("name"), sample: try t.bool("sample", default: false), waived: waived))
        }
        return (version, hospitals)
    }
}
