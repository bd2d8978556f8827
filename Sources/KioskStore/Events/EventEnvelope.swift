import Foundation
import SyncWire

/// One append-only fact with who, where and when: what the outbox sends and the server keeps.
///
/// Encodes as `{"id", "kind", "hlc", "author", "device", "payload": {…}}`; the payload is the
/// wire's (snake_case). `wire(house:)` and `init(wire:)` convert to and from `WireEvent`.
public struct EventEnvelope: Sendable, Hashable, Codable {
    /// Made on the device; the server deduplicates by it.
    public var id: EventID
    /// The hybrid logical clock time it was issued at.
    public var hlc: HLCTimestamp
    /// The staff number (or `self-service`, `system`) of whoever caused it.
    public var author: String
    /// The device id of the kiosk that wrote it.
    public var device: String
    /// What happened.
    public var payload: EventPayload

    /// The kind of `payload`.
    public var kind: EventKind { payload.kind }

    public init(id: EventID, hlc: HLCTimestamp, author: String, device: String, payload: EventPayload) {
        self.id = id
        self.hlc = hlc
        self.author = author
        self.device = device
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey { case id, kind, hlc, author, device, payload }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(EventID.self, forKey: .id)
        hlc = try c.decode(HLCTimestamp.self, forKey: .hlc)
        author = try c.decode(String.self, forKey: .author)
        device = try c.decode(String.self, forKey: .device)
        let kind = try c.decode(EventKind.self, forKey: .kind)
        payload = try EventPayload.decode(kind: kind, from: try c.decode(JSONValue.self, forKey: .payload))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(hlc, forKey: .hlc)
        try c.encode(author, forKey: .author)
        try c.encode(device, forKey: .device)
        try c.encode(try payload.object(), forKey: .payload)
    }
}
