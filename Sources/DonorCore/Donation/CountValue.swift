/// A number of national award counts (计次), kept in tenths so that 300 ml = 1.5 adds exactly.
public struct CountValue: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Counts × 10.
    public var tenths: Int

    public init(tenths: Int) { self.tenths = tenths }

    /// Whole counts.
    public init(_ whole: Int) { self.tenths = whole * 10 }

    public static let zero = CountValue(tenths: 0)

    public static func < (lhs: CountValue, rhs: CountValue) -> Bool { lhs.tenths < rhs.tenths }
    public static func + (lhs: CountValue, rhs: CountValue) -> CountValue {
        CountValue(tenths: lhs.tenths + rhs.tenths)
    }
    public static func - (lhs: CountValue, rhs: CountValue) -> CountValue {
        CountValue(tenths: lhs.tenths - rhs.tenths)
    }
    public static func += (lhs: inout CountValue, rhs: CountValue) { lhs.tenths += rhs.tenths }

    /// "20" or "1.5": no trailing ".0" for whole counts.
    public var description: String {
        let sign = tenths < 0 ? "-" : ""
        let a = abs(tenths)
        return a % 10 == 0 ? "\(sign)\(a / 10)" : "\(sign)\(a / 10).\(a % 10)"
    }

    /// The count as a JSON number (1.5, 20).
    public var doubleValue: Double { Double(tenths) / 10 }

    public init(from decoder: Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        self.tenths = Int((value * 10).rounded())
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if tenths % 10 == 0 { try c.encode(tenths / 10) } else { try c.encode(doubleValue) }
    }
}
