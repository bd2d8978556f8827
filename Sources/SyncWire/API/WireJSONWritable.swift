import Foundation

// The sync API's bodies written without `JSONEncoder`. A push body, a push answer and a page
// of changes are the bodies every house sends or reads all day; `perf` of `kiosk-bench
// central` over HTTP put 17 % of the process's samples in `JSONEncoder` writing them (and the
// centre's stored payloads). Each type builds its `JSONValue` (the payload already is one) and
// `JSONValue.jsonText()` writes it with the exact bytes `WireCoding.encoder()` would, which
// `WireWriteTests` checks type by type, so either writer may answer any client.

/// A wire type that can say itself as a `JSONValue` with the keys and omissions of its
/// `Encodable` conformance (a nil optional is left out, as synthesized `encode(to:)` does).
public protocol WireJSONWritable: Encodable {
    var jsonValue: JSONValue { get }
}

extension WireCoding {
    /// The value as JSON text, byte for byte as `encoder().encode(value)`.
    public static func write<T: WireJSONWritable>(_ value: T) -> Data {
        value.jsonValue.jsonText()
    }
}

extension WireEvent: WireJSONWritable {
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "id": .string(id), "kind": .string(kind), "house": .string(house), "device": .string(device),
            "author": .string(author), "hlc": .string(hlc), "payload": payload,
        ]
        if let donorKey { members["donor_key"] = .string(donorKey) }
        return .object(members)
    }
}

extension PushRequest: WireJSONWritable {
    public var jsonValue: JSONValue { .object(["events": .array(events.map(\.jsonValue))]) }
}

extension WireErrorDetail: WireJSONWritable {
    public var jsonValue: JSONValue { .object(["code": .string(code), "message": .string(message)]) }
}

extension PushResult: WireJSONWritable {
    public var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["id": .string(id), "status": .string(status.rawValue), "flags": .array(flags.map(JSONValue.string))]
        if let reason { members["reason"] = reason.jsonValue }
        return .object(members)
    }
}

extension PushResponse: WireJSONWritable {
    public var jsonValue: JSONValue { .object(["results": .array(results.map(\.jsonValue))]) }
}

extension SequencedEvent: WireJSONWritable {
    /// A sequence number is written as an integer: `JSONValue` holds numbers as `Double`, exact
    /// to 2^53, far beyond any centre's count of events.
    public var jsonValue: JSONValue { .object(["seq": .number(Double(seq)), "event": event.jsonValue]) }
}

extension ChangesResponse: WireJSONWritable {
    public var jsonValue: JSONValue {
        .object(["events": .array(events.map(\.jsonValue)), "cursor": .string(cursor), "has_more": .bool(hasMore)])
    }
}

extension SnapshotResponse: WireJSONWritable {
    public var jsonValue: JSONValue {
        .object(["events": .array(events.map(\.jsonValue)), "cursor": .string(cursor), "upto": .string(upto), "has_more": .bool(hasMore)])
    }
}
