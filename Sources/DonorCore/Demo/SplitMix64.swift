/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast generator whose output depends only on
/// its 64-bit state, so the synthetic city is the same on every machine and Swift version.
///
/// Foundation's and the standard library's random sources are seeded from the system and
/// `Hasher` is salted per process, so neither can be used for a reproducible city.
public struct SplitMix64: Sendable, RandomNumberGenerator {
    /// The whole state: the same state gives the same stream.
    public private(set) var state: UInt64

    /// A generator whose whole future is fixed by `state` (the sync engine's jitter, seeded runs).
    public init(state: UInt64) { self.state = state }

    /// The generator for one donor: the seed and the index are mixed so neighbouring indexes
    /// get unrelated streams, and each donor can be made without making the ones before it.
    init(seed: UInt64, index: Int, stream: UInt64 = 0) {
        self.state = SplitMix64.mix(seed ^ SplitMix64.mix(UInt64(truncatingIfNeeded: index) &+ stream &* 0xD1B5_4A32_D192_ED03))
    }

    /// The SplitMix64 finaliser: a bijection on 64 bits with good avalanche.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (Lemire's multiply-shift; the tiny bias is irrelevant here and
    /// the result is the same everywhere, which is what matters).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A value in a closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`, decided in integer millionths so no floating-point rounding
    /// can differ between machines.
    public mutating func chance(_ p: Double) -> Bool {
        below(1_000_000) < Int(p * 1_000_000)
    }

    /// One element of a non-empty array, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// A list of choices with integer weights, picked by one draw.
struct WeightedTable<Element: Sendable>: Sendable {
    let items: [Element]
    /// Running totals of the weights, for a binary search.
    private let cumulative: [Int]

    init(_ pairs: [(Element, Int)]) {
        items = pairs.map(\.0)
        var total = 0
        cumulative = pairs.map { total += $0.1; return total }
    }

    var totalWeight: Int { cumulative.last ?? 0 }

    func pick(_ rng: inout SplitMix64) -> Element {
        let r = rng.below(totalWeight)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > r { high = mid } else { low = mid + 1 }
        }
        return items[low]
    }
}
