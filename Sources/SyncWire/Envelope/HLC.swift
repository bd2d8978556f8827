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
        // Byte by byte, without splitting: a bootstrap parses millions of these (Characters
        // cost a tenth of applying a page, the split's substrings a further few per cent).
        // Only ASCII digits and '-' pass, so each position is one byte.
        let bytes = text.utf8
        var index = bytes.startIndex
        func number(digits: Int) -> Int64? {
            var value: Int64 = 0
            for _ in 0..<digits {
                guard index < bytes.endIndex, Self.isDigit(bytes[index]) else { return nil }
                value = value * 10 + Int64(bytes[index] - 0x30)
                bytes.formIndex(after: &index)
            }
            return value
        }
        func dash() -> Bool {
            guard index < bytes.endIndex, bytes[index] == UInt8(ascii: "-") else { return false }
            bytes.formIndex(after: &index)
            return true
        }
        // 18 digits always fit an Int64 (its largest value has 19).
        guard let ms = number(digits: 18), dash(), let counter = number(digits: 5), dash(), index < bytes.endIndex else { return nil }
        self.init(milliseconds: ms, counter: Int(counter), node: String(text[index...]))
    }

    public var description: String {
        let ms = String(milliseconds), c = String(counter)
        return String(repeating: "0", count: max(0, 18 - ms.count)) + ms + "-"
            + String(repeating: "0", count: max(0, 5 - c.count)) + c + "-" + node
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    public static func < (lhs: HLC, rhs: HLC) -> Bool { lhs.description < rhs.description }
}
