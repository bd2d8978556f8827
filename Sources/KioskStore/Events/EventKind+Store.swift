import SyncWire

extension EventKind {
    /// Kinds whose payload holds an ID or phone number, health answers, vitals or a deferral
    /// reason or an override's reason (both may name a health matter): stored encrypted in the
    /// event log.
    public var isSensitive: Bool {
        switch self {
        case .donorRegistered, .donorUpdated, .answersSaved, .vitalsSaved, .deferralAdded, .eligibilityOverridden: return true
        case .donorMerged, .donorUnmerged, .donationRecorded, .donationCorrected, .donationVoided,
             .deferralLifted, .cardActivated, .cardRevoked, .queueTicketed: return false
        }
    }

    /// Kinds whose payload may leave its `donor` to the envelope's `donor_key` on the wire.
    /// Merges name both their donors in the payload; a revocation names an activation.
    var takesDonorFromEnvelope: Bool {
        switch self {
        case .donorMerged, .donorUnmerged, .cardRevoked: return false
        case .donorRegistered, .donorUpdated, .answersSaved, .vitalsSaved, .deferralAdded, .eligibilityOverridden,
             .donationRecorded, .donationCorrected, .donationVoided, .deferralLifted, .cardActivated, .queueTicketed: return true
        }
    }
}
