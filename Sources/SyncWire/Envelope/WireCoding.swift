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
        try JSONValue(parsing: encoder().encode(value))
    }

    /// Reads a payload type out of the envelope's JSON object, as `JSONDecoder` would read the
    /// object's JSON text (`JSONValueDecoderTests`), without writing the text.
    public static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONValueDecoder.decode(T.self, from: value)
    }

    /// Reads a body of the sync API: the JSON text parsed straight into a `JSONValue`, then read
    /// as `T` from it, as `JSONDecoder` would read the text (a `JSONParseError` when it is not
    /// JSON, a `DecodingError` when it is not a `T`). Every payload inside is a `JSONValue`, which
    /// `JSONDecoder` can only read by trying each kind of value in turn.
    public static func read<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try JSONValueDecoder.decode(T.self, from: JSONValue(parsing: data))
    }
}
