import DonorCore
import Foundation
@testable import SyncWire
import Testing

/// `WireCoding.decode` reads payloads straight from `JSONValue`; it must read exactly what
/// `JSONDecoder` reads from the same value's JSON text, and refuse what it refuses.
@Suite("JSONValueDecoder")
struct JSONValueDecoderTests {
    @Test func aPayloadDecodesAsThroughJSONText() throws {
        let payloads: [JSONValue] = [
            try WireCoding.object(DonationRecordedPayload(donation: "don-1", donor: "d1", facts: DonationFacts(
                date: LocalDate(iso: "2026-11-01")!, kind: .platelets, doses: 2, outcome: .complete))),
            try WireCoding.object(DonorRegisteredPayload(donor: "d1", idNumber: "34052419800101001X", name: "张三", sex: .male,
                                                         birthDate: LocalDate(iso: "1980-01-01")!, phone: nil, bloodType: "A+")),
        ]
        let expected = try viaText(DonationRecordedPayload.self, from: payloads[0])
        #expect(try JSONValueDecoder.decode(DonationRecordedPayload.self, from: payloads[0]) == expected)
        let registered = try viaText(DonorRegisteredPayload.self, from: payloads[1])
        #expect(try JSONValueDecoder.decode(DonorRegisteredPayload.self, from: payloads[1]) == registered)
        #expect(registered.phone == nil)
    }

    @Test func aWrongValueIsRefusedAsThroughJSONText() throws {
        var facts = try WireCoding.object(DonationFacts(date: LocalDate(iso: "2026-11-01")!, kind: .wholeBlood, volumeML: 400)).objectValue!
        for bad: JSONValue in [.number(400.5), .string("400"), .bool(true)] {
            facts["volume_ml"] = bad
            #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(DonationFacts.self, from: .object(facts)) }
            #expect(throws: DecodingError.self) { try viaText(DonationFacts.self, from: .object(facts)) }
        }
        facts["volume_ml"] = .number(400)
        facts["date"] = .string("2026-13-01")
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(DonationFacts.self, from: .object(facts)) }
        facts["date"] = nil
        #expect(throws: DecodingError.self) { try JSONValueDecoder.decode(DonationFacts.self, from: .object(facts)) }
    }

    /// An error names where the bad value is, as `JSONDecoder`'s does: the path is put together
    /// only when needed, so this is what shows it still is.
    @Test func anErrorNamesThePathToTheBadValue() throws {
        struct Batch: Decodable { var items: [DonationRecordedPayload] }
        var payload = try WireCoding.object(DonationRecordedPayload(donation: "don-1", donor: "d1", facts: DonationFacts(
            date: LocalDate(iso: "2026-11-01")!, kind: .wholeBlood, volumeML: 400))).objectValue!
        var facts = payload["facts"]!.objectValue!
        facts["volume_ml"] = .string("400")
        payload["facts"] = .object(facts)
        let good = try WireCoding.object(DonationRecordedPayload(donation: "don-0", donor: "d1", facts: DonationFacts(
            date: LocalDate(iso: "2026-10-01")!, kind: .wholeBlood, volumeML: 400)))
        let batch = JSONValue.object(["items": .array([good, .object(payload)])])
        func path(_ result: Result<Batch, any Error>) -> [String] {
            guard case .failure(DecodingError.typeMismatch(_, let context)) = result else { return [] }
            return context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        }
        let ours = path(Result { try JSONValueDecoder.decode(Batch.self, from: batch) })
        #expect(ours == ["items", "1", "facts", "volume_ml"])
        #expect(ours == path(Result { try viaText(Batch.self, from: batch) }))
    }

    /// The value written out as JSON text and read back by `JSONDecoder`: what the decoder must match.
    private func viaText<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONDecoder().decode(T.self, from: WireCoding.encoder().encode(value))
    }
}
