/// Turns donations into national award counts (计次) under a policy.
public enum CountCalculator {
    /// The counts one donation adds: zero when voided, when its outcome does not count, for a
    /// whole blood volume the policy does not list, and for stem cells (a separate award).
    public static func counts(of donation: Donation, policy: Policy) -> CountValue {
        let rules = policy.counts
        guard !donation.voided, rules.outcomes.contains(donation.outcome) else { return .zero }
        switch donation.kind {
        case .wholeBlood:
            return donation.volumeML.flatMap { rules.wholeBloodByVolume[$0] } ?? .zero
        case .platelets:
            let doses = max(donation.doses ?? 1, 0)
            let perDose = donation.date < rules.apheresisLegacyBefore ? rules.apheresisLegacyPerUnit : rules.plateletsPerDose
            return CountValue(tenths: perDose.tenths * doses)
        case .plasma:
            return rules.plasmaPerDonation
        case .stemCell:
            return .zero
        }
    }

    /// Whether a donation took place in the policy's region (nil region = this city).
    public static func isInRegion(_ donation: Donation, policy: Policy) -> Bool {
        donation.region == nil || donation.region == policy.region
    }

    /// Total counts of a history, optionally only those donated in the policy's region.
    public static func total(_ donations: [Donation], policy: Policy, onlyInRegion: Bool = false) -> CountValue {
        donations.reduce(into: CountValue.zero) { sum, donation in
            if !onlyInRegion || isInRegion(donation, policy: policy) {
                sum += counts(of: donation, policy: policy)
            }
        }
    }

    /// Donations in the order the rules read them: by date, then by id so that two donations on
    /// one day are always taken in the same order on every device.
    public static func chronological(_ donations: [Donation]) -> [Donation] {
        donations.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
