import Testing
@testable import DonorCore

@Suite("Synthetic city")
struct SyntheticCityTests {
    static let today = LocalDate(year: 2026, month: 6, day: 15)!
    static let city = SyntheticCity(seed: 20260615, today: today, policy: TestPolicies.taiyuan)
    /// Made once per process: several tests read the same 20,000 donors.
    static let sample: [RegistryDonor] = city.donors(0..<20_000)

    @Test("The same seed gives the same donors, made in any order")
    func sameSeedSameCity() {
        let again = SyntheticCity(seed: 20260615, today: Self.today, policy: TestPolicies.taiyuan)
        #expect(again.donors(0..<2_000) == Array(Self.sample.prefix(2_000)))
        // Independent per index: donor 1234 alone equals donor 1234 of a batch.
        #expect(again.donor(at: 1_234) == Self.sample[1_234])
        #expect(again.donors(15_000..<15_010) == Array(Self.sample[15_000..<15_010]))
    }

    @Test("A different seed gives a different city")
    func differentSeedDifferentCity() {
        let other = SyntheticCity(seed: 7, today: Self.today, policy: TestPolicies.taiyuan).donors(0..<1_000)
        let same = zip(other, Self.sample).filter { $0.idNumber == $1.idNumber || $0.name == $1.name && $0.history == $1.history }
        #expect(same.count < 50)
    }

    @Test("Pinned values: the city does not drift between versions or machines")
    func pinnedDonor() {
        // If generation changes on purpose, update these; if they change by accident on
        // another machine, determinism is broken.
        let donor = Self.city.donor(at: 0)
        #expect(donor.idNumber == "140106200404150453")
        #expect(donor.name == "陈国刚")
        #expect(donor.phone == "18431734901")
        #expect(donor.history.first?.date == LocalDate(year: 2022, month: 11, day: 8))
        #expect(Self.city.idNumber(at: 0) == donor.idNumber)
    }

    @Test("Every ID number parses, with the donor's sex and birth date, ages 18–60")
    func idNumbersAreValid() throws {
        for donor in Self.sample {
            let document = try IdentityParser.parseResidentID(donor.idNumber, today: Self.today).get()
            #expect(document.number == donor.idNumber)
            #expect(document.documentType == .residentID)
            #expect(document.sex == donor.sex)
            #expect(document.birthDate == donor.birthDate)
            #expect((18...60).contains(donor.birthDate.age(on: Self.today)))
            #expect(donor.idNumber.hasPrefix("14"))
        }
    }

    @Test("ID numbers are unique over 200,000 donors")
    func idNumbersAreUnique() {
        var seen = Set<String>()
        for index in 0..<200_000 { seen.insert(Self.city.idNumber(at: index)) }
        #expect(seen.count == 200_000)
    }

    @Test("Names, phones and blood types look like the city's")
    func peopleLookReal() {
        let n = Double(Self.sample.count)
        let phones = Self.sample.compactMap(\.phone)
        #expect(abs(Double(phones.count) / n - 0.85) < 0.02)
        #expect(phones.allSatisfy { $0.count == 11 && $0.allSatisfy(\.isASCIIDigit) && $0.hasPrefix("1") })
        #expect(Self.sample.allSatisfy { (2...4).contains($0.name.count) })
        let men = Self.sample.filter { $0.sex == .male }.count
        #expect(abs(Double(men) / n - 0.5) < 0.02)
        func share(_ abo: BloodType.ABO) -> Double {
            Double(Self.sample.filter { $0.bloodType?.abo == abo }.count) / n
        }
        #expect(abs(share(.a) - 0.28) < 0.015 && abs(share(.b) - 0.31) < 0.015)
        #expect(abs(share(.o) - 0.32) < 0.015 && abs(share(.ab) - 0.09) < 0.01)
        let negative = Self.sample.filter { $0.bloodType?.rhPositive == false }.count
        #expect((20...160).contains(negative)) // 0.4 % of 20,000 = 80
    }

    @Test("Donations per donor follow the stated bands; counts have a tail past 40")
    func countDistribution() {
        let policy = TestPolicies.taiyuan
        let n = Double(Self.sample.count)
        let donations = Self.sample.map { $0.history.filter { $0.kind != .stemCell }.count }
        func share(_ range: ClosedRange<Int>) -> Double { Double(donations.filter(range.contains).count) / n }
        #expect(!donations.contains(0))
        #expect(abs(share(1...1) - 0.50) < 0.02)
        #expect(abs(share(2...3) - 0.25) < 0.02)
        #expect(abs(share(4...9) - 0.15) < 0.015)
        #expect(abs(share(10...19) - 0.07) < 0.01)
        #expect(abs(share(20...39) - 0.025) < 0.006)
        #expect(abs(share(40...1_000) - 0.005) < 0.003)

        // Counts (计次) as the cards read them: a single 400 ml donation is already 2 counts,
        // so the bands shift up from the donation bands. Measured with seed 20260615:
        // ≤ 2 counts 51.9 %, 2–9.9 30.1 %, 10–19.9 10.9 %, 20–39.9 5.3 %, ≥ 40 1.8 %.
        let counts = Self.sample.map { CountCalculator.total($0.history, policy: policy).tenths }
        func countShare(_ range: Range<Int>) -> Double { Double(counts.filter { range.contains($0) }.count) / n }
        #expect(abs(countShare(0..<21) - 0.52) < 0.02)        // one donation's worth
        #expect(abs(countShare(21..<100) - 0.30) < 0.02)      // blue design, repeat donors
        #expect(abs(countShare(100..<200) - 0.11) < 0.015)    // red design
        #expect(abs(countShare(200..<400) - 0.053) < 0.01)    // bronze and silver: honour by counts
        #expect(abs(countShare(400..<Int.max) - 0.018) < 0.006) // gold design
        #expect(counts.max()! >= 600)                         // the tail reaches far past 40
    }

    @Test("Every donation is allowed by the policy on its day, and nothing is after today")
    func historiesObeyPolicy() {
        Self.expectValid(Self.sample, today: Self.today)
    }

    @Test("Other seeds and a leap-day today give valid cities too", arguments: [
        (UInt64(1), LocalDate(year: 2024, month: 2, day: 29)!), (UInt64.max, LocalDate(year: 2030, month: 12, day: 31)!),
    ])
    func otherCitiesAreValid(seed: UInt64, today: LocalDate) throws {
        let city = SyntheticCity(seed: seed, today: today, policy: TestPolicies.taiyuan)
        let donors = city.donors(0..<3_000)
        Self.expectValid(donors, today: today)
        for donor in donors.prefix(500) {
            let document = try IdentityParser.parseResidentID(donor.idNumber, today: today).get()
            #expect(document.birthDate == donor.birthDate && document.sex == donor.sex)
            #expect((18...60).contains(donor.birthDate.age(on: today)))
        }
    }

    /// Every donation passes the engine's date-bound rules (age, intervals, yearly limit,
    /// deferrals) against the donations before it, and no date lies after `today`.
    static func expectValid(_ donors: [RegistryDonor], today: LocalDate) {
        let policy = TestPolicies.taiyuan
        for donor in donors {
            #expect(!donor.history.isEmpty)
            #expect(donor.history.allSatisfy { $0.date <= today })
            #expect(donor.deferrals.allSatisfy { $0.from <= today })
            let sorted = CountCalculator.chronological(donor.history)
            for (offset, donation) in sorted.enumerated() {
                guard let procedure = donation.kind.procedure else { continue }
                let input = EligibilityInput(
                    donor: donor.profile, history: Array(sorted[..<offset]), deferrals: donor.deferrals,
                    procedure: procedure, date: donation.date)
                let findings = EligibilityEngine.datedFindings(input, procedure: procedure, on: donation.date, policy: policy)
                #expect(findings.isEmpty, "\(donation.id): \(findings.map(\.code))")
            }
        }
    }

    @Test("Intervals hold by the matrix directly, pairwise for every earlier donation")
    func intervalsHoldPairwise() {
        let intervals = TestPolicies.taiyuan.intervals
        for donor in Self.sample.prefix(5_000) {
            let blood = donor.history.filter { $0.kind.procedure != nil }.sorted { $0.date < $1.date }
            for (later, next) in blood.enumerated() {
                for previous in blood[..<later] {
                    guard let wait = intervals.wait(after: previous.kind.procedure!, before: next.kind.procedure!) else { continue }
                    #expect(wait.after(previous.date) <= next.date)
                }
            }
        }
    }

    @Test("Stem-cell donors and permanent deferrals exist at about their rates")
    func specialRecords() {
        let stemCell = Self.sample.filter { $0.history.contains { $0.kind == .stemCell } }.count
        let permanent = Self.sample.filter { $0.deferrals.contains(where: \.isPermanent) }
        let temporary = Self.sample.filter { $0.deferrals.contains { !$0.isPermanent } }.count
        #expect((6...40).contains(stemCell))          // 0.1 % → 20
        #expect((20...65).contains(permanent.count))  // 0.2 % → 40
        #expect((280...520).contains(temporary))      // 2 % → 400
        for donor in permanent {
            #expect(donor.deferrals[0].rule == "infection_marker" && donor.deferrals[0].source == .lab)
            #expect(donor.deferrals[0].from > donor.history.map(\.date).max()!)
        }
    }

    @Test("The sample donors for the demo are found and are what they claim")
    func sampleIndexes() throws {
        let samples = Self.city.sampleIndexes()
        #expect(samples.isComplete)
        let policy = TestPolicies.taiyuan
        func status(_ index: Int?) throws -> CardStatus {
            let donor = Self.sample[try #require(index)]
            return CardStatus(history: donor.history, on: Self.today, policy: policy)
        }
        #expect(try status(samples.annualCard).effective == .annual)
        #expect(try status(samples.honourCard).honour?.basis == .counts)
        #expect(try status(samples.stemCell).stemCellDonor)
        #expect(Self.sample[try #require(samples.permanentlyDeferred)].deferrals.contains(where: \.isPermanent))
        #expect(Self.sample[try #require(samples.firstTimer)].history.count == 1)
    }
}
