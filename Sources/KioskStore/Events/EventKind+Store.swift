import SyncWire

extension EventKind {
    /// Kinds whose payload holds an ID or phone number, health answers, vitals or a deferral
    /// reason: stored encrypted in the event log.
    public var isSensitive: Bool {
        switch self {
        case .donorRegistered, .donorUpdated, .answersSaved, .vitalsSaved, .deferralAdded: return true
        case .donorMerged, .donorUnmerged, .donationRecorded, .donationCorrected, .donationVoided,
             .deferralLifted, .cardActivated, .cardRevoked: return false
        }
    }
}
