import Foundation
import SyncWire
import Testing

/// The sync API's bodies written by `WireCoding.write` (push bodies at the kiosk, push answers
/// and pages at the centre) must be byte for byte what `JSONEncoder` writes for them: either
/// may answer any client, and a field added to a type but not to its `jsonValue` shows here.
@Suite("Wire bodies written without JSONEncoder")
struct WireWriteTests {
    static let payload: JSONValue = .object([
        "donor": .string("d-1"), "name": .string("张三 \"Zhang\" \\ / \u{01}"),
        "facts": .object(["date": .string("2026-11-01"), "volume_ml": .number(400), "weight_kg": .number(62.5)]),
    ])
    static let withKey = WireEvent(id: "e-1", kind: "donation.recorded", house: "yingze", device: "dev-1", author: "V001",
                                   hlc: "2026-11-26T08:00:00.000Z-0001-dev-1", donorKey: "d-1", payload: payload)
    static let withoutKey = WireEvent(id: "e.2_x", kind: "card.revoked", house: "central", device: "central", author: "central",
                                      hlc: "2026-11-26T08:00:01.000Z-0000-central", payload: .object([:]))

    func expectSameBytes<T: WireJSONWritable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try WireCoding.encoder().encode(value)
        let written = WireCoding.write(value)
        #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self), sourceLocation: sourceLocation)
        #expect(written == expected, sourceLocation: sourceLocation)
    }

    @Test func eventsAndPushBodies() throws {
        try expectSameBytes(Self.withKey)
        try expectSameBytes(Self.withoutKey)
        try expectSameBytes(PushRequest(events: []))
        try expectSameBytes(PushRequest(events: [Self.withKey, Self.withoutKey]))
    }

    @Test func pushAnswers() throws {
        try expectSameBytes(PushResponse(results: []))
        try expectSameBytes(PushResponse(results: [
            PushResult(id: "e-1", status: .accepted),
            PushResult(id: "e-2", status: .duplicate, flags: ["interval_conflict", "duplicate_registration"]),
            PushResult(id: "e-3", status: .rejected, reason: WireErrorDetail(code: "invalid_id", message: "Event 3: an id is 1 to 64 \"letters\".")),
        ]))
    }

    @Test func pagesOfChangesAndSnapshots() throws {
        let events = [SequencedEvent(seq: 1, event: Self.withKey), SequencedEvent(seq: 9_007_199_254_740_991, event: Self.withoutKey)]
        try expectSameBytes(ChangesResponse(events: [], cursor: "0", hasMore: false))
        try expectSameBytes(ChangesResponse(events: events, cursor: "9007199254740991", hasMore: true))
        try expectSameBytes(SnapshotResponse(events: events, cursor: "2", upto: "40", hasMore: true))
        try expectSameBytes(SnapshotResponse(events: [], cursor: "40", upto: "40", hasMore: false))
    }
}
