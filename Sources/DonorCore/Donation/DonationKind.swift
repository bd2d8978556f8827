/// What was collected. Stem-cell donations are recorded too: they qualify for the honour card
/// and the gold ride code, but add no national award counts.
public enum DonationKind: String, Codable, Sendable, CaseIterable {
    case wholeBlood = "whole_blood"
    case platelets
    case plasma
    case stemCell = "stem_cell"

    /// The collection procedure this kind belongs to; nil for stem cells, which a house never
    /// collects and no interval rule mentions.
    public var procedure: Procedure? { Procedure(rawValue: rawValue) }
}

/// A procedure a donor can be checked for and a nurse can perform at a house.
public enum Procedure: String, Codable, Sendable, CaseIterable, Comparable {
    case wholeBlood = "whole_blood"
    case platelets
    case plasma

    public static func < (lhs: Procedure, rhs: Procedure) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Apheresis procedures are the ones with their own lab checks and yearly limit.
    public var isApheresis: Bool { self != .wholeBlood }
}

/// How a collection ended.
public enum DonationOutcome: String, Codable, Sendable, CaseIterable {
    /// The full volume or dose was collected.
    case complete
    /// Collection stopped short of the full volume (不足量).
    case lowVolume = "low_volume"
    /// The donor left before the needle (no blood drawn).
    case notDrawn = "not_drawn"
    /// Stopped after the needle went in.
    case aborted
}
