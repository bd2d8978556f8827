/// A deterministic synthetic city of donors for the demo house and for benchmarks.
///
/// Donor `i` depends only on the seed, `i`, `today` and the policy: it can be made without
/// making donors `0..<i`, so a million donors stream in chunks, and the same seed gives the
/// same city on every machine (SplitMix64, no system randomness, no hashing).
///
/// Every donor is valid under the policy: the ID number parses with its check character, sex
/// and birth date agree with it, ages are 18–60 on `today`, and the donation history passes
/// the interval matrix, the yearly platelet limit, the age lines and the donor's deferrals.
public struct SyntheticCity: Sendable {
    /// The seed: the same seed always gives the same city.
    public let seed: UInt64
    /// The day the city is seen on: ages, histories and deferrals are as of this date.
    public let today: LocalDate
    /// The policy whose intervals, age lines and deferral rules every history obeys.
    public let policy: Policy
    private let idNumbers: SyntheticIDNumbers
    private let histories: SyntheticHistory

    /// Shares of donors with special records (per donor, independently).
    static let stemCellShare = 0.001
    static let permanentDeferralShare = 0.002
    static let temporaryDeferralShare = 0.02

    /// A city for `seed` as it stands on `today` under `policy`.
    public init(seed: UInt64, today: LocalDate, policy: Policy) {
        self.seed = seed
        self.today = today
        self.policy = policy
        self.idNumbers = SyntheticIDNumbers(seed: seed, today: today)
        self.histories = SyntheticHistory(policy: policy, today: today)
    }

    /// How many distinct donors the city can hold (about ten million): the number of unique
    /// (birth date, sequence) slots for ages 18–60.
    public var capacity: Int { idNumbers.capacity }

    /// Donor number `index` (0 ..< `capacity`).
    public func donor(at index: Int) -> RegistryDonor {
        // Separate streams for the person and the history, so changing how histories are made
        // does not rename everyone.
        var person = SplitMix64(seed: seed, index: index, stream: 1)
        var events = SplitMix64(seed: seed, index: index, stream: 2)

        let (number, birthDate, sex) = identity(at: index, rng: &person)
        var donor = RegistryDonor(
            idNumber: number, name: SyntheticPeople.name(sex: sex, rng: &person), sex: sex,
            birthDate: birthDate, phone: SyntheticPeople.phone(rng: &person),
            bloodType: SyntheticPeople.bloodType(rng: &person))

        let stemCell = events.chance(SyntheticCity.stemCellShare)
        let permanent = events.chance(SyntheticCity.permanentDeferralShare)
        let temporary = events.chance(SyntheticCity.temporaryDeferralShare)
        donor.history = histories.make(index: index, birthDate: birthDate, sex: sex,
                                       quietDays: permanent ? 15 : 0, rng: &events)
        guard let last = donor.history.last?.date else { return donor }
        if stemCell { donor.history.append(stemCellDonation(index: index, after: donor.history[0].date, rng: &events)) }
        if permanent {
            // The lab finds the marker in the last donation's samples a few days later.
            donor.deferrals.append(Deferral(
                id: "demo-\(index)-d1", rule: "infection_marker", source: .lab,
                from: min(today, last.adding(days: events.int(in: 3...14))), until: nil))
        } else if temporary, let deferral = temporaryDeferral(index: index, sex: sex, after: last, rng: &events) {
            donor.deferrals.append(deferral)
        }
        return donor
    }

    /// The ID number of donor `index` without the rest of the record (for uniqueness checks
    /// and indexes over a big city).
    func idNumber(at index: Int) -> String {
        var person = SplitMix64(seed: seed, index: index, stream: 1)
        return identity(at: index, rng: &person).number
    }

    /// The ID number, birth date and sex; the address code is the person stream's first draw.
    private func identity(at index: Int, rng: inout SplitMix64) -> (number: String, birthDate: LocalDate, sex: Sex) {
        let (birthDate, sequence) = idNumbers.birthAndSequence(index: index)
        let address = SyntheticIDNumbers.addressCodes.pick(&rng)
        let number = SyntheticIDNumbers.number(address: address, birthDate: birthDate, sequence: sequence)
        // GB 11643: the 17th digit (the last of the sequence) is odd for men, even for women.
        return (number, birthDate, sequence % 2 == 1 ? .male : .female)
    }

    /// Donors `range`, in index order.
    public func donors(_ range: Range<Int>) -> [RegistryDonor] {
        range.map(donor(at:))
    }

    /// A stem-cell donation (造血干细胞) somewhere between the first blood donation and today;
    /// it has no procedure, so no interval rule concerns it.
    private func stemCellDonation(index: Int, after first: LocalDate, rng: inout SplitMix64) -> Donation {
        let day = rng.int(in: first.dayNumber...today.dayNumber)
        return Donation(id: "demo-\(index)-s1", date: LocalDate(dayNumber: day), kind: .stemCell)
    }

    /// A temporary deferral set after the last donation, so it never overlaps one; about half
    /// are still running on `today`. Nil when the last donation was today.
    private func temporaryDeferral(index: Int, sex: Sex, after last: LocalDate, rng: inout SplitMix64) -> Deferral? {
        let rules = policy.deferralRules.filter { !$0.isPermanent && !(sex == .male && $0.id == "childbirth") }
        guard !rules.isEmpty, last < today else { return nil }
        let rule = rng.pick(rules)
        guard let duration = rule.duration else { return nil }
        let length = today.days(until: duration.after(today))
        let from = max(last.adding(days: 1), today.adding(days: -rng.below(2 * length + 1)))
        return Deferral(id: "demo-\(index)-d1", rule: rule.id, source: rng.chance(0.6) ? .questionnaire : .staff,
                        from: from, until: duration.after(from))
    }
}
