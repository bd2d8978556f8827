import Foundation

/// One append-only fact with who, where and when: what the outbox sends and the server keeps.
///
/// Encodes as `{"id", "kind", "hlc", "author", "device", "payload": {…}}`.
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
        let body = try c.superDecoder(forKey: .payload)
        payload = try Self.decodePayload(kind: kind, from: body)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(hlc, forKey: .hlc)
        try c.encode(author, forKey: .author)
        try c.encode(device, forKey: .device)
        let body = c.superEncoder(forKey: .payload)
        switch payload {
        case .donorRegistered(let p): try p.encode(to: body)
        case .donorMerged(let p): try p.encode(to: body)
        case .donorUnmerged(let p): try p.encode(to: body)
        case .donationRecorded(let p): try p.encode(to: body)
        case .donationCorrected(let p): try p.encode(to: body)
        case .donationVoided(let p): try p.encode(to: body)
        case .deferralAdded(let p): try p.encode(to: body)
        case .deferralLifted(let p): try p.encode(to: body)
        case .answersSaved(let p): try p.encode(to: body)
        case .vitalsSaved(let p): try p.encode(to: body)
        case .cardActivated(let p): try p.encode(to: body)
        }
    }

    private static func decodePayload(kind: EventKind, from d: Decoder) throws -> EventPayload {
        switch kind {
        case .donorRegistered: return .donorRegistered(try DonorRegistered(from: d))
        case .donorMerged: return .donorMerged(try DonorMerged(from: d))
        case .donorUnmerged: return .donorUnmerged(try DonorUnmerged(from: d))
        case .donationRecorded: return .donationRecorded(try DonationRecorded(from: d))
        case .donationCorrected: return .donationCorrected(try DonationCorrected(from: d))
        case .donationVoided: return .donationVoided(try DonationVoided(from: d))
        case .deferralAdded: return .deferralAdded(try DeferralAdded(from: d))
        case .deferralLifted: return .deferralLifted(try DeferralLifted(from: d))
        case .answersSaved: return .answersSaved(try AnswersSaved(from: d))
        case .vitalsSaved: return .vitalsSaved(try VitalsSaved(from: d))
        case .cardActivated: return .cardActivated(try CardActivated(from: d))
        }
    }
}
