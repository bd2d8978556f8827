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
}
