import DonorCore

/// A supervisor's correction of a recorded donation: the amount and the outcome as they should
/// have been entered, with a written reason. The store keeps everything else of the donation
/// (date, procedure, bag number, reaction) and records the change as a new event.
public struct DonationCorrection: Sendable, Hashable {
    public var donationID: String
    public var donorID: String
    /// Millilitres for whole blood and plasma, nil for platelets.
    public var volumeML: Int?
    /// Therapeutic doses for platelets, nil otherwise.
    public var doses: Int?
    public var outcome: DonationOutcome
    public var reason: String

    public init(donationID: String, donorID: String, volumeML: Int?, doses: Int?, outcome: DonationOutcome, reason: String) {
        self.donationID = donationID
        self.donorID = donorID
        self.volumeML = volumeML
        self.doses = doses
        self.outcome = outcome
        self.reason = reason
    }

    /// `donation` with the corrected amount and outcome.
    public func applied(to donation: Donation) -> Donation {
        var corrected = donation
        corrected.volumeML = volumeML
        corrected.doses = doses
        corrected.outcome = outcome
        return corrected
    }
}
