import DonorCore
import SyncWire

/// The kiosk's sync as a pure state machine: each `mutating` method takes what just happened
/// and returns the one `Action` to do next. No I/O, no clock (time comes in as seconds on the
/// driver's monotonic clock), no system randomness (jitter comes from a seeded generator), so
/// every transition is a unit test and a simulation run replays exactly from its seed.
///
/// A round is: push the outbox in batches until it is empty, then pull one page (bootstrap from
/// `/v1/snapshot` while there is no cursor, then `/v1/changes`); a caught-up kiosk long-polls.
/// Failures back off (capped exponential with jitter), 429 waits `Retry-After`, 401/403 stops.
public struct SyncEngine: Sendable {
    /// `continuous` runs until stopped; `once` (`kiosk sync --once`) ends when everything is
    /// pushed and pulled, and gives up after `SyncSettings.onceRetries` failures.
    public enum Mode: Sendable, Hashable { case continuous, once }

    /// What the driver does next, then reports back through the matching method.
    public enum Action: Sendable, Hashable {
        /// Read `SyncLocalStore.position()`, then `positionRead(_:)`.
        case readPosition
        /// Read up to `limit` pending events; none: `nothingToPush()`; else push them and report
        /// `pushAnswered(ids:response:)` or `pushFailed(ids:error:now:)`.
        case push(limit: Int)
        /// Acknowledge these results in the store, then `acknowledged()`.
        case acknowledge([PushResult])
        /// Call `/v1/snapshot`; report `snapshotAnswered(_:now:)` or `pullFailed(_:now:)`.
        case snapshot(after: String?, upto: String?, limit: Int)
        /// Call `/v1/changes`; report `changesAnswered(_:now:)` or `pullFailed(_:now:)`.
        case changes(after: String, limit: Int, wait: Int)
        /// Apply the page with this position in one transaction, then `applied(_:)`.
        case apply([SequencedEvent], SyncPosition)
        /// Wait this many seconds, then `woke()`.
        case sleep(seconds: Double)
        /// `once` mode: everything pending was pushed and the kiosk is caught up.
        case finished
        /// `once` mode: a call kept failing; the problem says why.
        case failed(SyncProblem)
        /// The centre refused the credential: nothing more until the kiosk is enrolled again.
        case stopped(SyncProblem)
    }

    /// Where a round stands, so `woke()` resumes the step that failed.
    enum Step: Sendable, Hashable { case position, push, pull }

    public let settings: SyncSettings
    public let mode: Mode
    var random: SplitMix64
    var step: Step = .position
    /// The position the store holds (nil until read).
    public private(set) var position: SyncPosition?
    /// The position the page being applied will leave, and whether more pages wait.
    var pendingApply: (position: SyncPosition, hasMore: Bool)?
    /// Lowered while a refused batch is split to find the event the centre refuses.
    public private(set) var pushLimit: Int
    /// The last `/v1/changes` page said nothing more was waiting: the next pull long-polls.
    public private(set) var caughtUp = false
    public private(set) var failuresInARow = 0
    /// The last failure, until a call succeeds again.
    public private(set) var lastProblem: SyncProblem?
    /// When (driver seconds) a back-off ends; nil when not backing off.
    public private(set) var retryAt: Double?
    /// True once the centre refused the credential.
    public private(set) var needsEnrolment = false
    /// Events the centre rejected (or refused alone) since this engine started.
    public private(set) var rejectedCount = 0

    /// A new engine; `seed` fixes the jitter so a run can be replayed.
    public init(settings: SyncSettings = SyncSettings(), mode: Mode = .continuous, seed: UInt64) {
        self.settings = settings
        self.mode = mode
        self.random = SplitMix64(state: seed)
        self.pushLimit = settings.pushBatchSize
    }

    /// The first action: read where the store stands.
    public mutating func start() -> Action {
        step = .position
        return needsEnrolment ? stoppedAction : .readPosition
    }

    /// The store's saved position; the round starts with the outbox.
    public mutating func positionRead(_ saved: SyncPosition) -> Action {
        position = saved
        step = .push
        return .push(limit: pushLimit)
    }

    /// The outbox is empty: pull.
    public mutating func nothingToPush() -> Action {
        step = .pull
        return pullAction()
    }

    /// The centre answered a push of the events `ids`. Every id must have exactly its result,
    /// else the answer is a protocol failure and nothing is acknowledged.
    public mutating func pushAnswered(ids: [String], response: PushResponse, now: Double) -> Action {
        guard response.results.map(\.id) == ids else {
            return failure(SyncProblem(.server, "the central server's answer to a push does not list the pushed events in order"), now: now)
        }
        succeeded()
        rejectedCount += response.results.filter { $0.status == .rejected }.count
        pushLimit = settings.pushBatchSize
        return .acknowledge(response.results)
    }

    /// The results are in the store; look for more.
    public mutating func acknowledged() -> Action { .push(limit: pushLimit) }

    /// A push of `ids` failed. A whole-batch refusal (4xx) means nothing was stored: the batch is
    /// halved until the one event the centre refuses is alone, and that one is rejected locally
    /// (kept for the supervisor, never resent), so a bad event cannot block the outbox forever.
    public mutating func pushFailed(ids: [String], error: SyncTransportError, now: Double) -> Action {
        guard case .refused(let status, let code, let message) = error else { return failure(error, now: now) }
        succeeded()
        if ids.count > 1 {
            pushLimit = ids.count / 2
            return .push(limit: pushLimit)
        }
        guard let id = ids.first else { return .push(limit: pushLimit) }
        rejectedCount += 1
        pushLimit = settings.pushBatchSize
        let reason = WireErrorDetail(code: code, message: "refused by the central server (\(status)): \(message)")
        return .acknowledge([PushResult(id: id, status: .rejected, reason: reason)])
    }

    /// A pull failed.
    public mutating func pullFailed(_ error: SyncTransportError, now: Double) -> Action { failure(error, now: now) }

    /// The store failed; retried with back-off like an unreachable centre.
    public mutating func storeFailed(_ message: String, now: Double) -> Action {
        failure(SyncProblem(.localStore, "the kiosk's store failed: \(message)"), retryAfter: nil, now: now)
    }

    /// New events wait in the outbox while the kiosk long-polls: the poll is abandoned (it is
    /// read-only, nothing of it was applied) and the round starts again with a push, so another
    /// house sees a donation within seconds instead of after the long-poll's 30.
    public mutating func outboxGrew() -> Action {
        step = .push
        return .push(limit: pushLimit)
    }

    /// A back-off is over: retry the step that failed.
    public mutating func woke() -> Action {
        retryAt = nil
        if needsEnrolment { return stoppedAction }
        switch step {
        case .position: return .readPosition
        case .push: return .push(limit: pushLimit)
        case .pull: return pullAction()
        }
    }

    /// The page is committed with its position.
    public mutating func applied(_ page: AppliedPage) -> Action {
        guard let (next, hasMore) = pendingApply else { return pullAction() }
        pendingApply = nil
        position = next
        return afterPage(hasMore: hasMore)
    }

    // MARK: Internals

    /// The next pull: snapshot pages until a cursor exists, then changes.
    func pullAction() -> Action {
        guard let position else { return .readPosition }
        guard let cursor = position.cursor else {
            return .snapshot(after: position.snapshot?.after, upto: position.snapshot?.upto, limit: settings.pageSize)
        }
        let wait = mode == .continuous && caughtUp ? settings.longPollSeconds : 0
        return .changes(after: cursor, limit: settings.pageSize, wait: wait)
    }

    /// After a page: more waiting pulls again; otherwise the round ends (`once`: finished).
    mutating func afterPage(hasMore: Bool) -> Action {
        caughtUp = !hasMore
        if hasMore { return pullAction() }
        if mode == .once { return .finished }
        step = .push
        return .push(limit: pushLimit)
    }

    mutating func succeeded() {
        failuresInARow = 0
        lastProblem = nil
        retryAt = nil
    }

    var stoppedAction: Action {
        .stopped(lastProblem ?? SyncProblem(.unauthorized, "the central server no longer accepts this kiosk; enrol it again"))
    }

    mutating func failure(_ error: SyncTransportError, now: Double) -> Action {
        if case .rateLimited(let seconds) = error { return failure(SyncProblem(error), retryAfter: seconds.map { max(0, Double($0)) }, now: now) }
        return failure(SyncProblem(error), retryAfter: nil, now: now)
    }

    /// Counts the failure and decides: stop (credential), give up (`once`), or back off.
    mutating func failure(_ problem: SyncProblem, retryAfter: Double? = nil, now: Double) -> Action {
        lastProblem = problem
        if problem.kind == .unauthorized {
            needsEnrolment = true
            return stoppedAction
        }
        failuresInARow += 1
        if mode == .once, failuresInARow > settings.onceRetries { return .failed(problem) }
        let delay = retryAfter ?? backoffDelay(failures: failuresInARow)
        retryAt = now + delay
        return .sleep(seconds: delay)
    }

    /// `base × 2^(failures − 1)`, capped, then drawn from its top `jitterFraction`.
    public mutating func backoffDelay(failures: Int) -> Double {
        let ceiling = Self.backoffCeiling(failures: failures, settings: settings)
        let floor = ceiling * (1 - settings.jitterFraction)
        let unit = Double(random.next() >> 11) / Double(1 << 53)
        return floor + (ceiling - floor) * unit
    }

    /// The back-off before jitter for the `failures`-th failure in a row.
    public static func backoffCeiling(failures: Int, settings: SyncSettings) -> Double {
        let doublings = Double(min(max(failures - 1, 0), 62))
        return min(settings.backoffCapSeconds, settings.backoffBaseSeconds * pow2(doublings))
    }

    static func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
