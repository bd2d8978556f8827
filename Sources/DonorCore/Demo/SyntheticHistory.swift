/// Makes one donor's donation history: how many donations, of which kind, on which days, all
/// valid under the policy's interval matrix, yearly platelet limit and age lines.
struct SyntheticHistory: Sendable {
    let policy: Policy
    let today: LocalDate
    /// No history starts before this day: the later of the apheresis "legacy" cut-off (so no
    /// donation falls under the old 4-per-unit rule and inflates counts) and 16 years ago.
    let historyStart: LocalDate

    /// Donations per donor: half give once, a long tail gives dozens (mostly platelets).
    static let donationBands = WeightedTable<ClosedRange<Int>>([
        (1...1, 500), (2...3, 250), (4...9, 150), (10...19, 70), (20...39, 25), (40...70, 5),
    ])

    /// Other regions a few donations were given in (they count nationally, not for the card).
    static let otherRegions = ["jinzhong", "datong", "beijing"]

    init(policy: Policy, today: LocalDate) {
        self.policy = policy
        self.today = today
        self.historyStart = max(policy.counts.apheresisLegacyBefore, today.adding(years: -16))
    }

    /// The history of donor `index`; the last donation is at least `quietDays` before today
    /// (a lab deferral needs room after it). Empty only when no valid day exists.
    func make(index: Int, birthDate: LocalDate, sex: Sex, quietDays: Int, rng: inout SplitMix64) -> [Donation] {
        let n = rng.int(in: SyntheticHistory.donationBands.pick(&rng))
        // Frequent donors are mostly platelet donors: platelets may be given every two weeks,
        // whole blood only every six months.
        let plateletShare = n >= 20 ? 0.85 : n >= 10 ? 0.5 : n >= 4 ? 0.2 : 0.06
        let plateletDonor = rng.chance(plateletShare)
        var kinds: [Procedure] = (0..<n).map { _ in
            rng.chance(plateletDonor ? 0.9 : 0.03) ? .platelets : .wholeBlood
        }
        // Days beyond the policy's wait before each donation: regulars come back soon.
        let scale = n >= 20 ? 1 : n >= 10 ? 2 : 6
        var extras = kinds.map { rng.below(($0 == .platelets ? 21 : 90) * scale) }

        let earliest = max(historyStart, birthDate.adding(years: policy.eligibility.minAge))
        // A first donation at most at the first-time age line, later ones up to the repeat line.
        let firstLatest = birthDate.adding(years: policy.eligibility.maxAge + 1).adding(days: -1)
        let lastLatest = min(today.adding(days: -quietDays),
                             birthDate.adding(years: policy.eligibility.repeatDonorMaxAge + 1).adding(days: -1))
        guard earliest <= lastLatest, earliest <= firstLatest else { return [] }

        var dates = simulate(start: earliest, kinds: kinds, extras: extras)
        if dates.last! > lastLatest {
            // More donations than the years this donor has had allow at this pace: shrink the
            // extra days to fit (a young regular comes back as soon as allowed).
            let available = earliest.days(until: lastLatest)
            var tight = earliest.days(until: simulate(start: earliest, kinds: kinds, extras: extras.map { _ in 0 }).last!)
            if tight > available {
                // Whole blood every six months cannot fit: such a young regular gives platelets.
                kinds = kinds.map { _ in rng.chance(0.9) ? .platelets : .wholeBlood }
                tight = earliest.days(until: simulate(start: earliest, kinds: kinds, extras: extras.map { _ in 0 }).last!)
            }
            let room = max(0, available - tight) * rng.int(in: 50...95) / 100
            let total = max(1, extras.reduce(0, +))
            extras = extras.map { $0 * room / total }
            dates = simulate(start: earliest, kinds: kinds, extras: extras)
        }
        let span = earliest.days(until: dates.last!)
        let lastLow = earliest.adding(days: span)
        let lastHigh = max(lastLow, min(lastLatest, firstLatest.adding(days: span)))
        // About a third of donors (60 % of regulars) gave in the last year, so that many hold
        // an annual card; the others last gave one or more years ago.
        let yearAgo = today.adding(days: -364)
        let recent = rng.chance(n >= 10 ? 0.6 : 0.25)
        let low = recent ? max(lastLow, yearAgo) : lastLow
        let high = recent || lastLow >= yearAgo ? lastHigh : min(lastHigh, yearAgo.adding(days: -1))
        let wanted = LocalDate(dayNumber: rng.int(in: min(low.dayNumber, high.dayNumber)...high.dayNumber))
        var start = min(firstLatest, max(earliest, wanted.adding(days: -span)))
        dates = simulate(start: start, kinds: kinds, extras: extras)
        // Month lengths make the same steps a day or two longer from another start: walk back.
        for _ in 0..<4 where dates.last! > lastLatest && start > earliest {
            start = max(earliest, start.adding(days: -lastLatest.days(until: dates.last!)))
            dates = simulate(start: start, kinds: kinds, extras: extras)
        }
        let kept = dates.prefix { $0 <= lastLatest }
        // Reactions would lower the donor's age line to the first-time one, so only donors
        // whose whole history lies below it get any.
        let reactionsAllowed = (kept.last ?? today) <= firstLatest
        return zip(kinds, kept).enumerated().map { offset, pair in
            donation(index: index, number: offset + 1, kind: pair.0, date: pair.1, sex: sex,
                     reactionsAllowed: reactionsAllowed, rng: &rng)
        }
    }

    /// Places each donation at the first day the interval matrix and the yearly platelet limit
    /// allow after the previous ones, plus its extra days.
    func simulate(start: LocalDate, kinds: [Procedure], extras: [Int]) -> [LocalDate] {
        var dates: [LocalDate] = []
        // Indexed by Procedure.allCases: no dictionary, so nothing depends on hashing.
        var lastOf = [LocalDate?](repeating: nil, count: Procedure.allCases.count)
        var platelets: [LocalDate] = []
        for (offset, kind) in kinds.enumerated() {
            var date = start
            if let previous = dates.last {
                date = previous.adding(days: 1)
                for (position, procedure) in Procedure.allCases.enumerated() {
                    if let last = lastOf[position], let wait = policy.intervals.wait(after: procedure, before: kind) {
                        date = max(date, wait.after(last))
                    }
                }
                date = date.adding(days: extras[offset])
            }
            if kind == .platelets {
                date = respectingYearlyLimit(date, platelets: platelets)
                platelets.append(date)
            }
            dates.append(date)
            lastOf[Procedure.allCases.firstIndex(of: kind)!] = date
        }
        return dates
    }

    /// The first day on or after `date` when fewer than the yearly limit of platelet donations
    /// lie in the look-back window (the same reading as the eligibility engine).
    private func respectingYearlyLimit(_ date: LocalDate, platelets: [LocalDate]) -> LocalDate {
        let rules = policy.procedures
        var date = date
        while true {
            let windowStart = rules.plateletYearlyWindow.before(date)
            let inWindow = platelets.filter { $0 > windowStart }
            guard inWindow.count >= rules.plateletYearlyLimit else { return date }
            let leaving = inWindow[inWindow.count - rules.plateletYearlyLimit]
            date = max(rules.plateletYearlyWindow.after(leaving), date.adding(days: 1))
        }
    }

    private func donation(
        index: Int, number: Int, kind: Procedure, date: LocalDate, sex: Sex, reactionsAllowed: Bool,
        rng: inout SplitMix64
    ) -> Donation {
        var donation = Donation(id: "demo-\(index)-\(number)", date: date, kind: kind == .platelets ? .platelets : .wholeBlood)
        if kind == .platelets {
            donation.doses = rng.chance(0.4) ? 2 : 1
        } else {
            // 400 ml is the norm for men; women more often give 200 or 300 ml.
            let roll = rng.below(100)
            let share400 = sex == .male ? 80 : 55
            donation.volumeML = roll < share400 ? 400 : roll < share400 + (100 - share400) / 2 ? 300 : 200
        }
        if rng.chance(0.03) { donation.outcome = .lowVolume }
        if rng.chance(0.02) { donation.region = rng.pick(SyntheticHistory.otherRegions) }
        if reactionsAllowed, rng.chance(0.015) {
            let category: AdverseReaction.Category = kind == .platelets ? .apheresis : (rng.chance(0.7) ? .vasovagal : .local)
            donation.reaction = AdverseReaction(category: category, severity: rng.chance(0.9) ? .mild : .moderate)
        }
        return donation
    }
}
