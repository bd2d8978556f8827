import Foundation

/// What the screens show about sync: one snapshot, replaced after every step of the runner.
public struct SyncStatus: Sendable, Hashable {
    /// The last call reached the centre (false before the first answer and while backing off
    /// from an unreachable or failing centre).
    public var online = false
    /// Events in the outbox.
    public var pendingEvents = 0
    /// Events the centre rejected since the runner started (kept for the supervisor).
    public var rejectedEvents = 0
    /// The last push the centre answered.
    public var lastPush: Date?
    /// The last page applied, or the last long-poll that found the kiosk up to date.
    public var lastPull: Date?
    /// While a new kiosk loads the snapshot: events applied so far.
    public var bootstrapApplied: Int?
    /// While bootstrapping: how far through the centre's sequence (0…1), when known.
    public var bootstrapFraction: Double?
    /// The centre refused the credential; sync has stopped until the kiosk is enrolled again.
    public var needsEnrolment = false
    /// The last problem in plain words; nil after a success.
    public var lastError: String?
    /// Seconds until the next retry while backing off.
    public var retryInSeconds: Double?

    public init() {}
}

/// What `kiosk sync --once` did, for its text and `--json` output.
public struct SyncOnceSummary: Sendable, Hashable, Codable {
    /// Events the centre now holds (accepted or already held).
    public var pushed = 0
    /// Events the centre rejected (kept locally for a supervisor).
    public var rejected = 0
    /// Events received from the centre that were new to this kiosk.
    public var pulled = 0
    /// Pages applied.
    public var pages = 0
    /// Donors whose record changed through pulled events.
    public var changedDonors = 0
    /// Events still in the outbox afterwards (rejected ones are not counted).
    public var pendingAfter = 0
    /// The centre's position the kiosk has reached.
    public var cursor: String?
    /// Wall seconds the run took.
    public var seconds = 0.0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case pushed, rejected, pulled, pages, cursor, seconds
        case changedDonors = "changed_donors"
        case pendingAfter = "pending_after"
    }
}

/// `kiosk sync --once` could not finish; `summary` holds what it did before.
public struct SyncOnceFailure: Error, Sendable, CustomStringConvertible {
    public var problem: SyncProblem
    /// The credential was refused: `kiosk enroll` again.
    public var needsEnrolment: Bool
    public var summary: SyncOnceSummary

    public var description: String { problem.message }
}
