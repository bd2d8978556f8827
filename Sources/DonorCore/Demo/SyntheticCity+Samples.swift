extension SyntheticCity {
    /// Indexes of a few donors worth showing in a demo, found by scanning the city; nil when
    /// none of the kind was found in the scanned range.
    public struct SampleIndexes: Sendable, Equatable {
        /// Has an annual card in force today and no honour card.
        public var annualCard: Int?
        /// Holds the honour card through counts (≥ 20 counts in the city).
        public var honourCard: Int?
        /// Has a permanent deferral (the kiosk must only say "see the nurse").
        public var permanentlyDeferred: Int?
        /// Exactly one donation, complete, and nothing blocking them.
        public var firstTimer: Int?
        /// Gave stem cells (honour card and gold design whatever the counts).
        public var stemCell: Int?

        /// Whether every kind was found.
        public var isComplete: Bool {
            annualCard != nil && honourCard != nil && permanentlyDeferred != nil && firstTimer != nil && stemCell != nil
        }
    }

    /// The first donor of each interesting kind among indexes `0..<limit`. The scan stops as
    /// soon as all are found; stem-cell donors are one in a thousand, so 20,000 is plenty.
    public func sampleIndexes(scanning limit: Int = 20_000) -> SampleIndexes {
        var samples = SampleIndexes()
        for index in 0..<min(limit, capacity) where !samples.isComplete {
            let donor = donor(at: index)
            let permanent = donor.deferrals.contains { $0.isPermanent && !$0.lifted }
            if permanent {
                if samples.permanentlyDeferred == nil { samples.permanentlyDeferred = index }
                continue
            }
            let status = CardStatus(history: donor.history, on: today, policy: policy)
            if status.stemCellDonor {
                if samples.stemCell == nil { samples.stemCell = index }
            } else if status.honour?.basis == .counts {
                if samples.honourCard == nil { samples.honourCard = index }
            } else if status.annual?.active == true, samples.annualCard == nil {
                samples.annualCard = index
            } else if samples.firstTimer == nil, donor.deferrals.isEmpty, donor.history.count == 1,
                      donor.history[0].outcome == .complete {
                samples.firstTimer = index
            }
        }
        return samples
    }
}
