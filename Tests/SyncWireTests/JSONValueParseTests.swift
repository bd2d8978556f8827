import Foundation
import SyncWire
import Testing

/// `JSONValue(parsing:)` replaces `JSONDecoder` for stored payloads and sync bodies: it must
/// read every text `JSONDecoder` reads into the same value, and refuse what it refuses.
@Suite("JSONValue parsing")
struct JSONValueParseTests {
    private func viaDecoder(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        #"{"a":1,"b":[true,false,null],"c":{"d":"e"}}"#,
        #"  [ 1 , -2.5 , 3e2 , 4E-2 , -0 , 0.125 ]  "#,
        #""plain""#,
        #""escapes: \" \\ \/ \b \f \n \r \t \u00e9 \u4E2D \ud83e\udd1d""#,
        #"{"name":"张三","nested":{"deep":[[[]],{}]}}"#,
        #"123456789012345"#,
        #"{"id_number":"34052419800101001X","volume_ml":400,"doses":2}"#,
        "\t\r\n{\"a\" :\n\"b\"}",
        #""\u0000 and a nul""#,
    ])
    func aValidTextReadsAsJSONDecoderReadsIt(_ text: String) throws {
        #expect(try JSONValue(parsing: text) == viaDecoder(text))
    }

    @Test(arguments: [
        "", "   ", "{", "{\"a\" 1}", "{a:1}", "[1 2]", "01", "-", "1.", ".5", "1e", "+1",
        "tru", "nul", "True", "\"open", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud83e alone\"", "\"\\udd1d alone\"",
        "\"raw \n newline\"", "[1] extra", "{} {}", "'single'", "NaN", "1e400",
    ])
    func anInvalidTextIsRefusedAsByJSONDecoder(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
        #expect(throws: (any Error).self) { try viaDecoder(text) }
    }

    /// The one difference: Foundation's `JSONDecoder` lets a trailing comma pass; RFC 8259 does
    /// not, and nothing the project writes has one.
    @Test func aTrailingCommaIsRefusedThoughJSONDecoderLetsItPass() throws {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "[1,]") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #"{"a":1,}"#) }
        #expect(try viaDecoder("[1,]") == .array([.number(1)]))
        #expect(try viaDecoder(#"{"a":1,}"#) == .object(["a": .number(1)]))
    }

    @Test func malformedUTF8IsRefused() {
        let bytes: [UInt8] = [0x22, 0xE4, 0xB8, 0x22]  // a quote, a cut-off 中, a quote
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
        #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) }
    }

    @Test func nestingDeeperThanTheLimitIsRefusedNotACrash() throws {
        let limit = 512
        let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
        #expect(try JSONValue(parsing: deepest) == viaDecoder(deepest))
        let tooDeep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: tooDeep) }
    }

    @Test func anErrorSaysWhereAndWhy() {
        do {
            _ = try JSONValue(parsing: #"{"a":[1,2}"#)
            Issue.record("a bad array was read")
        } catch let error as JSONParseError {
            #expect(error.offset == 9)
            #expect(error.description == "not valid JSON at byte 9: expected ',' or ']' in an array")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func aWireObjectRoundTripsThroughTheParser() throws {
        let value = JSONValue.object(["kind": .string("donation.recorded"), "facts": .object(["volume_ml": .number(400)]),
                                      "tags": .array([.string("a"), .null, .bool(true)])])
        let text = try WireCoding.encoder().encode(value)
        #expect(try JSONValue(parsing: text) == value)
        #expect(try WireCoding.object(value) == value)
    }
}
