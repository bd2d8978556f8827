/// The sync's timings as a house sets them (`[sync]` in kiosk.conf). Every key may be left out;
/// the engine's defaults then apply (`SyncSettings` in KioskSync).
public struct SyncConfiguration: Sendable, Hashable {
    /// Seconds a caught-up kiosk lets the centre hold a pull open (the centre allows 60 at most).
    public var longPollSeconds: Int?
    /// The first wait after a failure; it doubles per failure in a row.
    public var backoffBaseSeconds: Double?
    /// The longest wait between attempts however long the centre has been away.
    public var backoffCapSeconds: Double?
    /// Events per push (the centre takes 500 at most).
    public var pushBatchSize: Int?
    /// Events per page pulled (the centre serves 1000 at most). Smaller pages commit sooner on a
    /// weak link; larger ones bootstrap a new kiosk faster.
    public var pageSize: Int?

    public init(longPollSeconds: Int? = nil, backoffBaseSeconds: Double? = nil, backoffCapSeconds: Double? = nil,
                pushBatchSize: Int? = nil, pageSize: Int? = nil) {
        self.longPollSeconds = longPollSeconds
        self.backoffBaseSeconds = backoffBaseSeconds
        self.backoffCapSeconds = backoffCapSeconds
        self.pushBatchSize = pushBatchSize
        self.pageSize = pageSize
    }

    /// Reads the `[sync]` table; values outside what the centre accepts are refused with the line.
    static func read(_ table: TableReader) throws(PolicyError) -> SyncConfiguration {
        var sync = SyncConfiguration()
        if table.has("long_poll_seconds") {
            let seconds = try table.int("long_poll_seconds", min: 0)
            guard seconds <= 60 else { throw table.error("long_poll_seconds", "the centre holds a pull open 60 seconds at most (got \(seconds))") }
            sync.longPollSeconds = seconds
        }
        if table.has("backoff_base_seconds") { sync.backoffBaseSeconds = try table.double("backoff_base_seconds", min: 0) }
        if table.has("backoff_cap_seconds") {
            let cap = try table.double("backoff_cap_seconds", min: 1)
            guard cap >= (sync.backoffBaseSeconds ?? 0) else {
                throw table.error("backoff_cap_seconds", "must be at least backoff_base_seconds")
            }
            sync.backoffCapSeconds = cap
        }
        if table.has("push_batch_size") {
            let size = try table.int("push_batch_size", min: 1)
            guard size <= 500 else { throw table.error("push_batch_size", "the centre takes 500 events per push at most (got \(size))") }
            sync.pushBatchSize = size
        }
        if table.has("page_size") {
            let size = try table.int("page_size", min: 1)
            guard size <= 1000 else { throw table.error("page_size", "the centre serves 1000 events per page at most (got \(size))") }
            sync.pageSize = size
        }
        return sync
    }
}
