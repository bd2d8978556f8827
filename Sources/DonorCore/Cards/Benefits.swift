/// What a card opens on a date: transit, the scenic spots for this card, each hospital's
/// waived fee levels. Read from the policy's catalogues.
public struct Benefits: Sendable, Equatable {
    public struct HospitalBenefit: Sendable, Equatable {
        public var hospital: Hospital
        /// The policy's fee levels this hospital waives for the card, in the policy's order.
        public var levels: [BenefitRules.FeeLevel]
    }

    public var card: CardKind
    public var transit: Bool
    public var scenicSpots: [ScenicSpot]
    public var hospitals: [HospitalBenefit]

    /// The benefits of `card` on `date`; spots join on their `since` date.
    public init(card: CardKind, on date: LocalDate, policy: Policy) {
        let rules = policy.benefits
        self.card = card
        self.transit = rules.transit.cards.contains(card)
        self.scenicSpots = rules.scenicSpots.filter { $0.cards.contains(card) && $0.since <= date }
        self.hospitals = rules.hospitals.compactMap { hospital in
            let waived = Set(hospital.waived[card] ?? [])
            let levels = rules.feeLevels.filter { waived.contains($0.id) }
            return levels.isEmpty ? nil : HospitalBenefit(hospital: hospital, levels: levels)
        }
    }
}
