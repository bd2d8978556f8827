import Foundation

/// The JSON coders both sides use for the wire: stable key order, no escaped slashes.
public enum WireCoding {
    /// An encoder with sorted keys so the same value always gives the same bytes.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A plain decoder; every wire type spells its snake_case keys itself.
    public static func decoder() -> JSONDecoder { JSONDecoder() }

    /// Turns a payload type into the envelope's JSON object.
    public static func object<T: Encodable>(_ value: T) throws -> JSONValue {
        try decoder().decode(JSONValue.self, from: encoder().encode(value))
    }

    /// Reads a payload type out of the envelope's JSON object.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try decoder().decode(T.self, from: encoder().encode(value))
    }
}
