import Foundation

/// The body of an event, one case per `EventKind`.
public enum EventPayload: Sendable, Hashable {
    case donorRegistered(DonorRegistered)
    case donorMerged(DonorMerged)
    case donorUnmerged(DonorUnmerged)
    case donationRecorded(DonationRecorded)
    case donationCorrected(DonationCorrected)
    case donationVoided(DonationVoided)
    case deferralAdded(DeferralAdded)
    case deferralLifted(DeferralLifted)
    case answersSaved(AnswersSaved)
    case vitalsSaved(VitalsSaved)
    case cardActivated(CardActivated)

    /// The kind this body belongs to.
    public var kind: EventKind {
        switch self {
        case .donorRegistered: .donorRegistered
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
        }
    }

    /// The donor the event is about.
    public var donor: DonorID {
        switch self {
        case .donorRegistered(let p): p.donor
        case .donorMerged(let p): p.target
        case .donorUnmerged(let p): p.target
        case .donationRecorded(let p): p.donor
        case .donationCorrected(let p): p.donor
        case .donationVoided(let p): p.donor
        case .deferralAdded(let p): p.donor
        case .deferralLifted(let p): p.donor
        case .answersSaved(let p): p.donor
        case .vitalsSaved(let p): p.donor
        case .cardActivated(let p): p.donor
        }
    }

    /// The body as JSON (sorted keys, so the same body always gives the same bytes).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        switch self {
        case .donorRegistered(let p): return try encoder.encode(p)
        case .donorMerged(let p): return try encoder.encode(p)
        case .donorUnmerged(let p): return try encoder.encode(p)
        case .donationRecorded(let p): return try encoder.encode(p)
        case .donationCorrected(let p): return try encoder.encode(p)
        case .donationVoided(let p): return try encoder.encode(p)
        case .deferralAdded(let p): return try encoder.encode(p)
        case .deferralLifted(let p): return try encoder.encode(p)
        case .answersSaved(let p): return try encoder.encode(p)
        case .vitalsSaved(let p): return try encoder.encode(p)
        case .cardActivated(let p): return try encoder.encode(p)
        }
    }

    /// Decodes a body of `kind` from its JSON.
    public static func decode(kind: EventKind, from data: Data) throws -> EventPayload {
        let d = JSONDecoder()
        switch kind {
        case .donorRegistered: return .donorRegistered(try d.decode(DonorRegistered.self, from: data))
        case .donorMerged: return .donorMerged(try d.decode(DonorMerged.self, from: data))
        case .donorUnmerged: return .donorUnmerged(try d.decode(DonorUnmerged.self, from: data))
        case .donationRecorded: return .donationRecorded(try d.decode(DonationRecorded.self, from: data))
        case .donationCorrected: return .donationCorrected(try d.decode(DonationCorrected.self, from: data))
        case .donationVoided: return .donationVoided(try d.decode(DonationVoided.self, from: data))
        case .deferralAdded: return .deferralAdded(try d.decode(DeferralAdded.self, from: data))
        case .deferralLifted: return .deferralLifted(try d.decode(DeferralLifted.self, from: data))
        case .answersSaved: return .answersSaved(try d.decode(AnswersSaved.self, from: data))
        case .vitalsSaved: return .vitalsSaved(try d.decode(VitalsSaved.self, from: data))
        case .cardActivated: return .cardActivated(try d.decode(CardActivated.self, from: data))
        }
    }
}
