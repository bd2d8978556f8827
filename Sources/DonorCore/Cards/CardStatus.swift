/// A donor's certificates on a date, derived from the donation history and the policy alone
/// (nothing about cards is stored that could be derived).
public struct CardStatus: Sendable, Equatable {
    /// The annual card (年卡): from the first donation of its run, through `validThrough`.
    public struct Annual: Sendable, Equatable {
        /// The donation that started the current run of validity.
        public var since: LocalDate
        /// The donation whose anniversary sets the end.
        public var lastDonation: LocalDate
        /// The last valid day.
        public var validThrough: LocalDate
        /// Valid on the date asked about.
        public var active: Bool
    }

    /// Why the honour card was earned.
    public enum HonourBasis: String, Sendable, Equatable, Codable {
        case counts
        case stemCell = "stem_cell"
        case nationalAward = "national_award"
    }

    /// The honour card (荣誉卡): valid for life.
    public struct Honour: Sendable, Equatable {
        public var since: LocalDate
        public var basis: HonourBasis
    }

    public var policyReference: String
    public var date: LocalDate
    /// Nil when the donor never had one (or the policy has none).
    public var annual: Annual?
    public var honour: Honour?
    /// Counts on the card's basis (in the city, or everywhere, per policy).
    public var cardCounts: CountValue
    public var stemCellDonor: Bool
    /// The ride-code design, when a card is in force.
    public var tier: RideTier?

    /// The card in force on `date`: the honour card when held, else an active annual card.
    public var effective: CardKind? {
        if honour != nil { return .honour }
        if annual?.active == true { return .annual }
        return nil
    }

    /// Evaluates `history` on `date` (donations after `date` are ignored).
    public init(history: [Donation], on date: LocalDate, policy: Policy) {
        let rules = policy.cards
        let past = CountCalculator.chronological(history).filter { $0.date <= date && !$0.voided }
        self.policyReference = policy.reference
        self.date = date
        self.annual = rules.annual.enabled ? CardStatus.annualCard(past, on: date, policy: policy) : nil
        let counted = rules.honour.countsOnlyInRegion ? past.filter { CountCalculator.isInRegion($0, policy: policy) } : past
        self.cardCounts = CountCalculator.total(counted, policy: policy)
        let stemCell = past.first { $0.kind == .stemCell && $0.outcome == .complete }
        self.stemCellDonor = stemCell != nil
        self.honour = rules.honour.enabled ? CardStatus.honourCard(counted: counted, all: past, stemCell: stemCell, on: date, policy: policy) : nil
        self.tier = nil
        if effective != nil { self.tier = CardStatus.tier(counts: cardCounts, stemCell: stemCellDonor, policy: policy) }
    }

    private static func annualCard(_ past: [Donation], on date: LocalDate, policy: Policy) -> Annual? {
        let rules = policy.cards.annual
        var card: Annual?
        for donation in past
        where rules.kinds.contains(donation.kind) && rules.outcomes.contains(donation.outcome)
            && CountCalculator.isInRegion(donation, policy: policy) {
            // "Valid one year from the donation": through the day before the anniversary
            // (DOMAIN.md §5). A donation on 29 February has its anniversary on 1 March in a
            // common year, so the card runs through 28 February, a full year.
            var end = rules.validity.anniversary(of: donation.date)
            if rules.endsDayBefore { end = end.adding(days: -1) }
            if var current = card, donation.date <= current.validThrough {
                // A donation on a valid day moves the end to its own anniversary, never earlier.
                if rules.extendOnNewDonation, end > current.validThrough {
                    current.validThrough = end
                    current.lastDonation = donation.date
                }
                card = current
            } else {
                card = Annual(since: donation.date, lastDonation: donation.date, validThrough: end, active: false)
            }
        }
        guard var result = card else { return nil }
        // The scheme honours no day before it took effect.
        result.active = date <= result.validThrough && date >= policy.effectiveFrom
        return result
    }

    private static func honourCard(
        counted: [Donation], all: [Donation], stemCell: Donation?, on date: LocalDate, policy: Policy
    ) -> Honour? {
        let rules = policy.cards.honour
        /// The day the running total of `donations` first reaches `line`.
        func dayReaching(_ line: CountValue, in donations: [Donation]) -> LocalDate? {
            var running = CountValue.zero
            for donation in donations {
                running += CountCalculator.counts(of: donation, policy: policy)
                if running >= line { return donation.date }
            }
            return nil
        }
        var candidates: [Honour] = []
        if let day = dayReaching(rules.minCounts, in: counted) {
            candidates.append(Honour(since: day, basis: .counts))
        }
        if rules.stemCellQualifies, let stemCell {
            candidates.append(Honour(since: stemCell.date, basis: .stemCell))
        }
        // The first national award level, reached with counts from anywhere.
        if rules.nationalAwardQualifies, let first = policy.awards.levels.first,
           let day = dayReaching(first.minCounts, in: all) {
            candidates.append(Honour(since: day, basis: .nationalAward))
        }
        // The earliest qualification wins; on a tie the order above (counts first) decides.
        return candidates.enumerated().min { ($0.element.since, $0.offset) < ($1.element.since, $1.offset) }?.element
    }

    /// The ride-code design for a card holder: stem-cell donors get the design marked for them;
    /// a holder below the first tier's line (e.g. only a low-volume donation) gets the first.
    public static func tier(counts: CountValue, stemCell: Bool, policy: Policy) -> RideTier? {
        if stemCell, let special = policy.tiers.first(where: \.stemCell) { return special }
        if let match = policy.tiers.first(where: { $0.contains(counts) }) { return match }
        if let first = policy.tiers.first, counts < first.minCounts { return first }
        return nil
    }
}
