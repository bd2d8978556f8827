import Foundation

/// ABO and RhD blood group, as the lab reports it.
public struct BloodType: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum ABO: String, Sendable, Codable, CaseIterable { case a = "A", b = "B", ab = "AB", o = "O" }

    public var abo: ABO
    public var rhPositive: Bool

    public init(abo: ABO, rhPositive: Bool) {
        self.abo = abo
        self.rhPositive = rhPositive
    }

    /// Parses "A+", "AB-", "O+" (also "A", read as RhD positive, the common case in China).
    public init?(_ text: String) {
        // The lab's and the wire's own spelling first: every pulled registration carries one,
        // and trimming and upper-casing through Foundation was a tenth of projecting it.
        if let canonical = Self.canonical[text] {
            self = canonical
            return
        }
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        var positive = true
        if t.hasSuffix("+") { t.removeLast() } else if t.hasSuffix("-") { t.removeLast(); positive = false }
        guard let abo = ABO(rawValue: t) else { return nil }
        self.init(abo: abo, rhPositive: positive)
    }

    /// "A+", "O-".
    public var description: String { abo.rawValue + (rhPositive ? "+" : "-") }

    /// Every blood type by its `description`.
    private static let canonical: [String: BloodType] = Dictionary(uniqueKeysWithValues: ABO.allCases.flatMap { abo in
        [true, false].map { positive in
            let type = BloodType(abo: abo, rhPositive: positive)
            return (type.description, type)
        }
    })

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let value = BloodType(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not a blood type like A+ or O-")
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

