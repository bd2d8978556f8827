import Foundation
import SyncWire
import Testing

/// `JSONValue.jsonText()` writes the pulled payloads into a kiosk's log instead of
/// `JSONEncoder`; its bytes must be exactly `WireCoding.encoder()`'s for the same value.
@Suite("JSONValue writing")
struct JSONValueWriteTests {
    static let values: [JSONValue] = [
        .null, .bool(true), .bool(false), .number(0), .number(-0.0), .number(400), .number(-12), .number(62.5),
        .number(0.1), .number(1e-7), .number(123_456_789_012_345), .number(1e15), .number(2.5e20), .number(-1e300),
        .string(""), .string("张三 Zhang"), .string("quote \" backslash \\ slash / tab \t newline \n return \r"),
        .string("controls \u{00} \u{01} \u{08} \u{0C} \u{1F} \u{7F} and 🤝"),
        .array([]), .object([:]),
        .array([.number(1), .string("a"), .null, .array([.bool(false)])]),
        .object(["b": .number(2), "a": .number(1), "B": .null, "ä": .string("x"), "a_b": .object(["z": .number(1), "y": .array([])])]),
        .object(["donor": .string("d-1"), "facts": .object(["date": .string("2026-11-01"), "kind": .string("whole_blood"),
                                                             "volume_ml": .number(400), "weight_kg": .number(62.5)])]),
    ]

    @Test(arguments: values)
    func aValueIsWrittenAsWireCodingWritesIt(_ value: JSONValue) throws {
        let expected = try WireCoding.encoder().encode(value)
        #expect(String(decoding: value.jsonText(), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        #expect(value.jsonText() == expected)
    }

    @Test(arguments: values)
    func whatIsWrittenReadsBackAsTheSameValue(_ value: JSONValue) throws {
        #expect(try JSONValue(parsing: value.jsonText()) == value)
    }
}
