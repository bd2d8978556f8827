import Foundation
import SyncWire

/// The body of an event, one case per `EventKind`. The bodies are SyncWire's payload types, so
/// the log, the outbox and the wire share one definition (snake_case JSON).
public enum EventPayload: Sendable, Hashable {
    case donorRegistered(DonorRegisteredPayload)
    case donorUpdated(DonorUpdatedPayload)
    case donorMerged(DonorMergedPayload)
    case donorUnmerged(DonorUnmergedPayload)
    case donationRecorded(DonationRecordedPayload)
    case donationCorrected(DonationCorrectedPayload)
    case donationVoided(DonationVoidedPayload)
    case deferralAdded(DeferralAddedPayload)
    case deferralLifted(DeferralLiftedPayload)
    case answersSaved(AnswersSavedPayload)
    case vitalsSaved(VitalsSavedPayload)
    case cardActivated(CardActivatedPayload)
    case cardRevoked(CardRevokedPayload)
    case queueTicketed(QueueTicketedPayload)
    case eligibilityOverridden(EligibilityOverriddenPayload)

    /// The kind this body belongs to.
    public var kind: EventKind {
        switch self {
        case .donorRegistered: .donorRegistered
        case .donorUpdated: .donorUpdated
        case .donorMerged: .donorMerged
        case .donorUnmerged: .donorUnmerged
        case .donationRecorded: .donationRecorded
        case .donationCorrected: .donationCorrected
        case .donationVoided: .donationVoided
        case .deferralAdded: .deferralAdded
        case .deferralLifted: .deferralLifted
        case .answersSaved: .answersSaved
        case .vitalsSaved: .vitalsSaved
        case .cardActivated: .cardActivated
        case .cardRevoked: .cardRevoked
        case .queueTicketed: .queueTicketed
        case .eligibilityOverridden: .eligibilityOverridden
        }
    }

    /// The donor whose record the event shows under in the log (for a merge or an unmerge: the
    /// `target`, whose history now reads as one); nil for `card.revoked`.
    public var donor: DonorID? {
        switch self {
        case .donorMerged(let p): return DonorID(p.target)
        case .donorUnmerged(let p): return DonorID(p.target)
        default: return donorKey
        }
    }

    /// The donor the event is about, as the wire's `donor_key` names it (for a merge or an
    /// unmerge: `source`); nil for `card.revoked`, which names an activation.
    public var donorKey: DonorID? {
        let key: String?
        switch self {
        case .donorRegistered(let p): key = p.donor
        case .donorUpdated(let p): key = p.donor
        case .donorMerged(let p): key = p.source
        case .donorUnmerged(let p): key = p.source
        case .donationRecorded(let p): key = p.donor
        case .donationCorrected(let p): key = p.donor
        case .donationVoided(let p): key = p.donor
        case .deferralAdded(let p): key = p.donor
        case .deferralLifted(let p): key = p.donor
        case .answersSaved(let p): key = p.donor
        case .vitalsSaved(let p): key = p.donor
        case .cardActivated(let p): key = p.donor
        case .queueTicketed(let p): key = p.donor
        case .eligibilityOverridden(let p): key = p.donor
        case .cardRevoked: key = nil
        }
        return key.map(DonorID.init)
    }

    /// The body as JSON (sorted keys, so the same body always gives the same bytes).
    public func encoded() throws -> Data {
        try WireCoding.encoder().encode(Body(payload: self))
    }

    /// The body as the wire's JSON object.
    public func object() throws -> JSONValue {
        try JSONValue(parsing: encoded())
    }

    /// Decodes a body of `kind` from its JSON.
    public static func decode(kind: EventKind, from data: Data) throws -> EventPayload {
        try decode(kind: kind, from: JSONValue(parsing: data))
    }

    /// Decodes a body of `kind` from the wire's JSON object.
    public static func decode(kind: EventKind, from value: JSONValue) throws -> EventPayload {
        func body<T: Decodable>(_ type: T.Type) throws -> T { try WireCoding.decode(type, from: value) }
        switch kind {
        case .donorRegistered: return .donorRegistered(try body(DonorRegisteredPayload.self))
        case .donorUpdated: return .donorUpdated(try body(DonorUpdatedPayload.self))
        case .donorMerged: return .donorMerged(try body(DonorMergedPayload.self))
        case .donorUnmerged: return .donorUnmerged(try body(DonorUnmergedPayload.self))
        case .donationRecorded: return .donationRecorded(try body(DonationRecordedPayload.self))
        case .donationCorrected: return .donationCorrected(try body(DonationCorrectedPayload.self))
        case .donationVoided: return .donationVoided(try body(DonationVoidedPayload.self))
        case .deferralAdded: return .deferralAdded(try body(DeferralAddedPayload.self))
        case .deferralLifted: return .deferralLifted(try body(DeferralLiftedPayload.self))
        case .answersSaved: return .answersSaved(try body(AnswersSavedPayload.self))
        case .vitalsSaved: return .vitalsSaved(try body(VitalsSavedPayload.self))
        case .cardActivated: return .cardActivated(try body(CardActivatedPayload.self))
        case .cardRevoked: return .cardRevoked(try body(CardRevokedPayload.self))
        case .queueTicketed: return .queueTicketed(try body(QueueTicketedPayload.self))
        case .eligibilityOverridden: return .eligibilityOverridden(try body(EligibilityOverriddenPayload.self))
        }
    }

    /// Encodes the case's payload as a bare object (no enum wrapper).
    private struct Body: Encodable {
        let payload: EventPayload
        func encode(to encoder: Encoder) throws {
            switch payload {
            case .donorRegistered(let p): try p.encode(to: encoder)
            case .donorUpdated(let p): try p.encode(to: encoder)
            case .donorMerged(let p): try p.encode(to: encoder)
            case .donorUnmerged(let p): try p.encode(to: encoder)
            case .donationRecorded(let p): try p.encode(to: encoder)
            case .donationCorrected(let p): try p.encode(to: encoder)
            case .donationVoided(let p): try p.encode(to: encoder)
            case .deferralAdded(let p): try p.encode(to: encoder)
            case .deferralLifted(let p): try p.encode(to: encoder)
            case .answersSaved(let p): try p.encode(to: encoder)
            case .vitalsSaved(let p): try p.encode(to: encoder)
            case .cardActivated(let p): try p.encode(to: encoder)
            case .cardRevoked(let p): try p.encode(to: encoder)
            case .queueTicketed(let p): try p.encode(to: encoder)
            case .eligibilityOverridden(let p): try p.encode(to: encoder)
            }
        }
    }
}
