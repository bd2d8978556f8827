/// The kinds of fact the kiosk records. The raw values are the stable names stored in the
/// database and sent on the wire; never rename one, add a new kind instead.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    case donorRegistered = "donor.registered"
    case donorMerged = "donor.merged"
    case donorUnmerged = "donor.unmerged"
    case donationRecorded = "donation.recorded"
    case donationCorrected = "donation.corrected"
    case donationVoided = "donation.voided"
    case deferralAdded = "deferral.added"
    case deferralLifted = "deferral.lifted"
    case answersSaved = "answers.saved"
    case vitalsSaved = "vitals.saved"
    case cardActivated = "card.activated"

    /// Kinds whose payload holds an ID or phone number, health answers, vitals or a deferral
    /// reason: stored encrypted in the event log.
    public var isSensitive: Bool {
        switch self {
        case .donorRegistered, .answersSaved, .vitalsSaved, .deferralAdded: return true
        case .donorMerged, .donorUnmerged, .donationRecorded, .donationCorrected, .donationVoided,
             .deferralLifted, .cardActivated: return false
        }
    }
}
