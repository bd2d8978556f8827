/// The hybrid-logical-clock string format, the kiosk store's (`HLCTimestamp`):
/// `MMMMMMMMMMMMMMMMMM-CCCCC-NODE`: milliseconds since 1970 (18 digits, zero-padded), a counter
/// (5 digits) and the node (the device id, which may itself contain '-').
///
/// Zero padding makes plain string order the clock's order, which is what lets the centre pick
/// "the earliest registration" with a string comparison.
public struct HLC: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var milliseconds: Int64
    public var counter: Int
    public var node: String

    public init(milliseconds: Int64, counter: Int = 0, node: String) {
        self.milliseconds = milliseconds
        self.counter = counter
        self.node = node
    }

    /// Parses the wire form; nil when it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        // Bytes, not Characters: a bootstrap parses millions of these, and grapheme breaking
        // was a tenth of applying a page; only ASCII digits pass either way.
        guard parts.count == 3, parts[0].utf8.count == 18, parts[1].utf8.count == 5,
              parts[0].utf8.allSatisfy(Self.isDigit), parts[1].utf8.allSatisfy(Self.isDigit),
              let ms = Int64(parts[0]), let counter = Int(parts[1]), !parts[2].isEmpty else { return nil }
        self.init(milliseconds: ms, counter: counter, node: String(parts[2]))
    }

    public var description: String {
        let ms = String(milliseconds), c = String(counter)
        return String(repeating: "0", count: max(0, 18 - ms.count)) + ms + "-"
            + String(repeating: "0", count: max(0, 5 - c.count)) + c + "-" + node
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    public static func < (lhs: HLC, rhs: HLC) -> Bool { lhs.description < rhs.description }
}
