/// The two certificate kinds of the three-free policy.
public enum CardKind: String, Codable, Sendable, CaseIterable {
    case annual
    case honour
}

/// How cards are earned and how long they last.
public struct CardRules: Sendable {
    public struct Annual: Sendable {
        public var enabled: Bool
        public var name: LocalizedText
        public var kinds: Set<DonationKind>
        public var outcomes: Set<DonationOutcome>
        public var validity: PolicyDuration
        /// When true the card is valid through the day before the end date ("one year from
        /// the donation" = through the day before the anniversary).
        public var endsDayBefore: Bool
        public var extendOnNewDonation: Bool
    }

    public struct Honour: Sendable {
        public var enabled: Bool
        public var name: LocalizedText
        public var minCounts: CountValue
        public var stemCellQualifies: Bool
        public var nationalAwardQualifies: Bool
        /// True: only donations in the policy's region count; false: donations anywhere.
        public var countsOnlyInRegion: Bool
    }

    public var annual: Annual
    public var honour: Honour

    public func name(_ kind: CardKind) -> LocalizedText {
        kind == .annual ? annual.name : honour.name
    }
}

/// A ride-code design (乘车码) chosen by counts.
public struct RideTier: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// A terminal colour name: blue, red, yellow, white, yellow_bright, green, magenta, cyan.
    public var color: String
    public var minCounts: CountValue
    /// The last whole count of the design as published ("blue 1–9"); nil: no upper bound.
    public var maxCounts: CountValue?
    /// Stem-cell donors get this design whatever their counts.
    public var stemCell: Bool

    /// Whether a holder with `counts` gets this design. Counts come in halves (300 ml = 1.5),
    /// so a design lasts until the next whole count after `maxCounts`: "1–9" holds 9.5.
    public func contains(_ counts: CountValue) -> Bool {
        counts >= minCounts && (maxCounts.map { counts < $0 + CountValue(1) } ?? true)
    }
}

/// The benefits the cards open, with their catalogues.
public struct BenefitRules: Sendable {
    public struct Transit: Sendable {
        public var cards: Set<CardKind>
        public var name: LocalizedText
    }

    public struct FeeLevel: Sendable, Hashable {
        public var id: String
        public var name: LocalizedText
    }

    public var transit: Transit
    public var scenicName: LocalizedText
    public var hospitalName: LocalizedText
    /// Ascending: general outpatient first.
    public var feeLevels: [FeeLevel]
    public var scenicSpots: [ScenicSpot]
    public var hospitals: [Hospital]
    public var scenicCatalogVersion: String
    public var hospitalCatalogVersion: String
}

/// A scenic spot and the cards it admits free.
public struct ScenicSpot: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    public var cards: Set<CardKind>
    /// The day it joined the scheme.
    public var since: LocalDate
}

/// A hospital and the fee levels it waives per card.
public struct Hospital: Sendable, Hashable {
    public var id: String
    public var name: LocalizedText
    /// A placeholder entry, not the published list.
    public var sample: Bool
    /// Fee level ids waived per card kind.
    public var waived: [CardKind: [String]]
}
