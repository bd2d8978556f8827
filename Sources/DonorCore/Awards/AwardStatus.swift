/// Where a donor stands on the national award ladder (奉献奖) under a policy.
public struct AwardStatus: Sendable, Equatable {
    /// All counts ever, everywhere.
    public var totalCounts: CountValue
    /// Counts since the last gold (all counts when no gold yet): the gold recount rule.
    public var countsTowardNext: CountValue
    /// The highest level reached in the current round, if any.
    public var level: AwardRules.Level?
    /// Golds reached so far.
    public var golds: Int
    /// Three golds (per policy): the lifetime honour award.
    public var lifetime: Bool
    /// The next level to reach and the counts still missing; nil once the lifetime award is reached.
    public var next: (level: AwardRules.Level, missing: CountValue)?
    /// The next award cut-off (31 December of a cycle year) on or after the date asked about.
    public var nextCutoff: LocalDate
    /// The date each gold was reached.
    public var goldDates: [LocalDate]

    public static func == (lhs: AwardStatus, rhs: AwardStatus) -> Bool {
        lhs.totalCounts == rhs.totalCounts && lhs.countsTowardNext == rhs.countsTowardNext
            && lhs.level == rhs.level && lhs.golds == rhs.golds && lhs.lifetime == rhs.lifetime
            && lhs.next?.level == rhs.next?.level && lhs.next?.missing == rhs.next?.missing
            && lhs.nextCutoff == rhs.nextCutoff && lhs.goldDates == rhs.goldDates
    }

    /// Evaluates a history up to and including `date`.
    public init(history: [Donation], on date: LocalDate, policy: Policy) {
        let rules = policy.awards
        let gold = rules.levels.first { $0.id == rules.recountAfter }!
        var total = CountValue.zero, round = CountValue.zero
        var goldDates: [LocalDate] = []
        for donation in CountCalculator.chronological(history) where donation.date <= date {
            let counts = CountCalculator.counts(of: donation, policy: policy)
            total += counts
            round += counts
            // Counting for the next gold restarts after the donation that reached this one;
            // what that donation brought beyond the line does not carry over.
            if round >= gold.minCounts {
                goldDates.append(donation.date)
                round = .zero
            }
        }
        self.totalCounts = total
        self.countsTowardNext = round
        self.golds = goldDates.count
        self.goldDates = goldDates
        self.lifetime = goldDates.count >= rules.lifetimeGolds
        // Once a gold is held the donor stays a gold holder; the next target is the next gold.
        self.level = goldDates.isEmpty ? rules.levels.last { $0.minCounts <= round } : gold
        if lifetime {
            self.next = nil
        } else if goldDates.isEmpty, let nextLevel = rules.levels.first(where: { $0.minCounts > round }) {
            self.next = (nextLevel, nextLevel.minCounts - round)
        } else {
            self.next = (gold, gold.minCounts - round)
        }
        self.nextCutoff = AwardStatus.cutoff(onOrAfter: date, rules: rules)
    }

    /// 31 December of the first cycle year (anchor + k × cycle) on or after `date`.
    static func cutoff(onOrAfter date: LocalDate, rules: AwardRules) -> LocalDate {
        var year = date.year
        while ((year - rules.cycleAnchorYear) % rules.cycleYears + rules.cycleYears) % rules.cycleYears != 0 {
            year += 1
        }
        return LocalDate(year: year, month: 12, day: 31)!
    }
}
