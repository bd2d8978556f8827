import Foundation

/// Where the single writer spends its time, summed over every group of pushes: the batched
/// reads, the checks in memory, the commits, and how long a planned group waited for the
/// commit before it. `kiosk-bench central` prints it; it costs a few clock reads per group.
public actor IngestProfile {
    /// Sums since the service started.
    public struct Totals: Sendable {
        public var groups = 0
        public var events = 0
        /// Groups planned while the group before them was committing.
        public var overlapped = 0
        /// Groups planned again because the group they were planned on did not commit.
        public var replanned = 0
        /// The batched reads before a group is planned (`IngestView.prefetch`).
        public var readSeconds = 0.0
        /// Checking every event of a group in memory (and any read the prefetch missed).
        public var planSeconds = 0.0
        /// `CentralStore.commit`, one transaction per group.
        public var commitSeconds = 0.0
        /// A planned group waiting for the commit of the group before it.
        public var waitSeconds = 0.0
    }

    public private(set) var totals = Totals()

    public init() {}

    func planned(events: Int, read: Double, plan: Double, overlapped: Bool) {
        totals.groups += 1
        totals.events += events
        totals.readSeconds += read
        totals.planSeconds += plan
        if overlapped { totals.overlapped += 1 }
    }

    func committed(seconds: Double) { totals.commitSeconds += seconds }
    func waited(seconds: Double) { totals.waitSeconds += seconds }
    func replanned() { totals.replanned += 1 }

    /// Seconds since `start`, for the counters above.
    nonisolated static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start) / .seconds(1)
    }
}
