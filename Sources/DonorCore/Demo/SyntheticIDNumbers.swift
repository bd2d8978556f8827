/// Makes the resident ID numbers of the synthetic city: unique across indexes by construction,
/// with real check characters and a birth date and sex the rest of the donor agrees with.
///
/// The number's birth date and sequence digits (positions 7–17) come from a *slot*: a keyed
/// permutation maps the donor index to a slot, and the slot decodes to (birth date, three
/// sequence digits). Distinct indexes give distinct slots, so distinct numbers, whatever the
/// address code; the address code is then drawn freely (weighted), which keeps districts
/// realistic without risking a collision. No set of issued numbers is needed, so a million
/// donors can be streamed.
struct SyntheticIDNumbers: Sendable {
    /// An age band on `today` and how many sequence numbers each of its birth days offers.
    /// More slots per day means more donors of that age: donors skew young (GB 18467 allows
    /// first donations up to 55, repeat donations up to 60).
    struct AgeBand: Sendable {
        /// First day number (1970-based) of births in the band.
        var firstDay: Int
        var days: Int
        /// Sequence numbers per day, in tens (1–100); times 10 for the 17th digit.
        var tensPerDay: Int
        var slots: Int { days * tensPerDay * 10 }
    }

    /// Taiyuan's districts and counties, then other Shanxi cities (GB/T 2260), with weights
    /// roughly in proportion to the people a Taiyuan house sees.
    static let addressCodes = WeightedTable<String>([
        ("140105", 16), ("140106", 12), ("140107", 11), ("140108", 10), ("140109", 12),
        ("140110", 6), ("140121", 4), ("140122", 2), ("140123", 1), ("140181", 4),
        ("140100", 3), // 太原市 (city-level code on older cards)
        ("140202", 2), ("140302", 1), ("140402", 2), ("140502", 1), ("140602", 1),
        ("140702", 4), ("140802", 2), ("140902", 2), ("141002", 2), ("141102", 2),
    ])

    let bands: [AgeBand]
    let capacity: Int
    private let permutation: FeistelPermutation

    /// Birth dates for ages 18–60 on `today`, the permutation keyed by `seed`.
    init(seed: UInt64, today: LocalDate) {
        // (youngest age, oldest age, tens of sequence numbers per birth day)
        let layout = [(18, 25, 100), (26, 35, 90), (36, 45, 70), (46, 55, 45), (56, 60, 20)]
        bands = layout.map { young, old, tens in
            // Age `a` on today ⟺ born in (today − (a+1) years, today − a years].
            let first = today.adding(years: -(old + 1)).dayNumber + 1
            let last = today.adding(years: -young).dayNumber
            return AgeBand(firstDay: first, days: last - first + 1, tensPerDay: tens)
        }
        capacity = bands.reduce(0) { $0 + $1.slots }
        permutation = FeistelPermutation(domain: capacity, key: SplitMix64.mix(seed ^ 0x1D_5EED))
    }

    /// The birth date and sequence digits (positions 15–17) for a donor index.
    func birthAndSequence(index: Int) -> (birthDate: LocalDate, sequence: Int) {
        precondition(index >= 0 && index < capacity, "the synthetic city holds \(capacity) donors")
        var slot = permutation.apply(index)
        for band in bands {
            if slot < band.slots {
                let perDay = band.tensPerDay * 10
                return (LocalDate(dayNumber: band.firstDay + slot / perDay), slot % perDay)
            }
            slot -= band.slots
        }
        preconditionFailure("slot outside the bands")
    }

    /// The full 18-character number for an address code, birth date and sequence (000–999).
    static func number(address: String, birthDate: LocalDate, sequence: Int) -> String {
        let date = pad(birthDate.year, 4) + pad(birthDate.month, 2) + pad(birthDate.day, 2)
        let body = address + date + pad(sequence, 3)
        // The body is 17 ASCII digits by construction, so the checksum always exists.
        return body + String(ResidentIDChecksum.checkCharacter(forFirst17: body)!)
    }

    /// Zero-padded decimal digits (no Foundation formatting, which is locale-sensitive).
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// A keyed bijection on `0..<domain`: a balanced Feistel network on the smallest even number
/// of bits that holds the domain, with cycle walking to stay inside it.
struct FeistelPermutation: Sendable {
    let domain: Int
    let halfBits: Int
    let key: UInt64

    init(domain: Int, key: UInt64) {
        precondition(domain > 1)
        var bits = 2
        while (1 << bits) < domain { bits += 2 }
        self.domain = domain
        self.halfBits = bits / 2
        self.key = key
    }

    func apply(_ value: Int) -> Int {
        // Each pass is a bijection on 2^bits; walking until inside the domain keeps it one on
        // the domain. The domain fills more than a quarter of 2^bits, so few passes are needed.
        var x = value
        repeat { x = encrypt(x) } while x >= domain
        return x
    }

    private func encrypt(_ value: Int) -> Int {
        let mask = (1 << halfBits) - 1
        var left = value >> halfBits, right = value & mask
        for round in 0..<4 {
            let f = Int(truncatingIfNeeded: SplitMix64.mix(key &+ UInt64(round) << 40 ^ UInt64(right))) & mask
            (left, right) = (right, left ^ f)
        }
        return left << halfBits | right
    }
}
