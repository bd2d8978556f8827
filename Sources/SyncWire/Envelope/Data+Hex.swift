import Foundation

extension Data {
    /// Lower-case hexadecimal, by table: `String(format:)` per byte cost more than the HMAC
    /// whose blind index it wrote out.
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(count * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
