import DonorCore

/// Every tunable of the sync engine in one place. The defaults are the centre's documented
/// limits (`docs/sync-integration.md`); a house overrides them in `kiosk.conf`.
public struct SyncSettings: Sendable, Hashable {
    /// Events per `POST /v1/events` (the centre refuses more than 500).
    public var pushBatchSize: Int
    /// Events per page asked of `/v1/changes` and `/v1/snapshot` (the centre serves at most 1000).
    public var pageSize: Int
    /// Seconds a caught-up kiosk lets `/v1/changes` hold the request open (`wait`, at most 60).
    public var longPollSeconds: Int
    /// The first back-off after a failure, in seconds; it doubles per failure in a row.
    public var backoffBaseSeconds: Double
    /// The longest back-off, in seconds, however many failures in a row.
    public var backoffCapSeconds: Double
    /// The share of a back-off that is random: the delay is drawn from `[d × (1 − jitter), d]`,
    /// so kiosks that lost the link together do not come back together.
    public var jitterFraction: Double
    /// How often `kiosk sync --once` retries a failing call before it gives up with an error.
    public var onceRetries: Int
    /// Seconds the HTTP transport waits for any answer beyond the long-poll itself.
    public var requestTimeoutSeconds: Double

    public init(
        pushBatchSize: Int = 500, pageSize: Int = 500, longPollSeconds: Int = 30, backoffBaseSeconds: Double = 1,
        backoffCapSeconds: Double = 300, jitterFraction: Double = 0.5, onceRetries: Int = 2, requestTimeoutSeconds: Double = 30
    ) {
        self.pushBatchSize = max(1, pushBatchSize)
        self.pageSize = max(1, pageSize)
        self.longPollSeconds = max(0, longPollSeconds)
        self.backoffBaseSeconds = max(0, backoffBaseSeconds)
        self.backoffCapSeconds = max(self.backoffBaseSeconds, backoffCapSeconds)
        self.jitterFraction = min(1, max(0, jitterFraction))
        self.onceRetries = max(0, onceRetries)
        self.requestTimeoutSeconds = max(1, requestTimeoutSeconds)
    }

    /// The seconds an HTTP call may take: the long-poll it asked for plus the answer's own time,
    /// so a long-poll is never cut short by the client's timeout.
    public func timeout(forWait wait: Int) -> Double { Double(wait) + requestTimeoutSeconds }
}

extension SyncSettings {
    /// The defaults with what the house set in kiosk.conf's `[sync]` table.
    public init(_ configured: SyncConfiguration) {
        let defaults = SyncSettings()
        self.init(pushBatchSize: configured.pushBatchSize ?? defaults.pushBatchSize,
                  pageSize: configured.pageSize ?? defaults.pageSize,
                  longPollSeconds: configured.longPollSeconds ?? defaults.longPollSeconds,
                  backoffBaseSeconds: configured.backoffBaseSeconds ?? defaults.backoffBaseSeconds,
                  backoffCapSeconds: configured.backoffCapSeconds ?? defaults.backoffCapSeconds)
    }
}
