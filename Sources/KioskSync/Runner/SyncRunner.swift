import Foundation
import SyncWire

/// Drives the sync engine against the kiosk's store and the centre in a background task, and
/// publishes what the screens need: a `SyncStatus` after every step and the donors whose
/// records changed through pulled events.
public actor SyncRunner {
    let store: any SyncLocalStore
    let transport: any SyncTransport
    let settings: SyncSettings
    let clock: any SyncClock
    let prefetchesSnapshotPages: Bool
    var seed: UInt64
    var task: Task<Void, Never>?
    /// Set by `outboxChanged()`; cleared when a push starts (it reads the whole outbox anyway).
    var outboxGrew = false
    /// Cancels the long-poll or back-off sleep in progress, if any.
    var interruptible: (@Sendable () -> Void)?

    /// The latest status (also published on `statusUpdates`).
    public private(set) var status = SyncStatus()
    /// Every new status; a slow reader sees only the newest.
    public nonisolated let statusUpdates: AsyncStream<SyncStatus>
    /// The donors each applied page changed, for "this donor's record was updated" notices.
    public nonisolated let changedDonors: AsyncStream<Set<String>>
    let statusSink: AsyncStream<SyncStatus>.Continuation
    let donorSink: AsyncStream<Set<String>>.Continuation

    /// `seed` fixes the back-off jitter (the kiosk passes something of its own, e.g. its device id's hash).
    /// `prefetchesSnapshotPages`: see `SyncDriver`; off only to measure what it saves.
    public init(store: any SyncLocalStore, transport: any SyncTransport, settings: SyncSettings = SyncSettings(),
                clock: any SyncClock = SystemSyncClock(), seed: UInt64, prefetchesSnapshotPages: Bool = true) {
        self.store = store
        self.prefetchesSnapshotPages = prefetchesSnapshotPages
        self.transport = transport
        self.settings = settings
        self.clock = clock
        self.seed = seed
        (statusUpdates, statusSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
        (changedDonors, donorSink) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(64))
    }

    /// Starts syncing in the background until `stop()` or a refused credential.
    public func start() {
        guard task == nil else { return }
        let driver = SyncDriver(engine: SyncEngine(settings: settings, mode: .continuous, seed: nextSeed()), store: store, transport: transport,
                                prefetchesSnapshotPages: prefetchesSnapshotPages)
        task = Task { await self.loop(driver) }
    }

    /// Stops the background task and waits for it to end.
    public func stop() async {
        let running = task
        task = nil
        running?.cancel()
        await running?.value
    }

    /// `kiosk sync --once`: pushes everything pending, pulls until nothing more waits, and
    /// returns what it did; fails (never hangs: every call has a timeout, and failures are
    /// retried only `SyncSettings.onceRetries` times) when the centre cannot be reached.
    public func runOnce() async throws(SyncOnceFailure) -> SyncOnceSummary {
        let started = clock.monotonicSeconds()
        var driver = SyncDriver(engine: SyncEngine(settings: settings, mode: .once, seed: nextSeed()), store: store, transport: transport,
                                prefetchesSnapshotPages: prefetchesSnapshotPages)
        var summary = SyncOnceSummary()
        var donors = Set<String>()
        while true {
            let report = await driver.step(now: clock.monotonicSeconds())
            await record(report, engine: driver.engine)
            switch report {
            case .pushed(let stored, let rejected):
                summary.pushed += stored
                summary.rejected += rejected
            case .applied(let page, let position):
                summary.pages += 1
                summary.pulled += page.appliedCount
                donors.formUnion(page.changedDonors)
                summary.cursor = position.cursor
            case .sleep(let seconds):
                try? await clock.sleep(seconds: seconds)
            case .progressed, .upToDate:
                break
            case .finished, .ended:
                summary.changedDonors = donors.count
                summary.pendingAfter = status.pendingEvents
                summary.cursor = summary.cursor ?? driver.engine.position?.cursor
                summary.seconds = clock.monotonicSeconds() - started
                if case .ended(let problem, let needsEnrolment) = report {
                    throw SyncOnceFailure(problem: problem, needsEnrolment: needsEnrolment, summary: summary)
                }
                return summary
            }
        }
    }

    func loop(_ start: SyncDriver) async {
        var driver = start
        defer { driver.abandon() }
        while !Task.isCancelled {
            if case .push = driver.next { outboxGrew = false }
            if outboxGrew, driver.isLongPolling {
                outboxGrew = false
                driver.outboxGrew()
            }
            let report: SyncDriver.Report
            if driver.isLongPolling {
                guard let (stepped, answer) = await interruptibly({ [driver, clock] in
                    var stepping = driver
                    let answer = await stepping.step(now: clock.monotonicSeconds())
                    return (stepping, answer)
                }) else { continue }
                driver = stepped
                report = answer
            } else {
                report = await driver.step(now: clock.monotonicSeconds())
            }
            await record(report, engine: driver.engine)
            switch report {
            case .sleep(let seconds):
                // A back-off ends early when a volunteer records something (one attempt per
                // person's action); a 429's Retry-After is the centre's to set and is kept.
                if driver.engine.lastProblem?.kind == .rateLimited {
                    do { try await clock.sleep(seconds: seconds) } catch { return }
                } else {
                    _ = await interruptibly({ [clock] in try? await clock.sleep(seconds: seconds) })
                }
            case .finished, .ended:
                return
            default:
                continue
            }
        }
    }

    /// Runs `work` as a task that `outboxChanged()` cancels; nil when it was cancelled that way
    /// (its result is dropped: only a long-poll or a sleep runs here, and neither changed anything).
    /// Stopping the runner cancels it too.
    func interruptibly<T: Sendable>(_ work: @escaping @Sendable () async -> T) async -> T? {
        if outboxGrew { return nil }
        let task = Task { await work() }
        interruptible = task.cancel
        let result = await withTaskCancellationHandler { await task.value } onCancel: { task.cancel() }
        interruptible = nil
        return task.isCancelled && !Task.isCancelled ? nil : result
    }

    /// Folds one step into the status and publishes it.
    func record(_ report: SyncDriver.Report, engine: SyncEngine) async {
        let now = clock.wallTime()
        switch report {
        case .pushed:
            status.lastPush = now
            status.online = true
        case .upToDate:
            status.lastPull = now
            status.online = true
            status.bootstrapApplied = nil
            status.bootstrapFraction = nil
        case .applied(let page, let position):
            status.lastPull = now
            status.online = true
            if !page.changedDonors.isEmpty { donorSink.yield(page.changedDonors) }
            status.bootstrapApplied = position.snapshot?.applied
            status.bootstrapFraction = position.snapshot.flatMap { progress in
                guard let after = Double(progress.after), let upto = Double(progress.upto), upto > 0 else { return nil }
                return min(1, after / upto)
            }
        default:
            break
        }
        // Every step (one request at most): the volunteers add to the outbox while the kiosk
        // is offline too, and the status bar shows it growing.
        await refreshPending()
        if let problem = engine.lastProblem, problem.kind != .rateLimited, problem.kind != .localStore { status.online = false }
        status.rejectedEvents = engine.rejectedCount
        status.needsEnrolment = engine.needsEnrolment
        status.lastError = engine.lastProblem?.message
        status.retryInSeconds = engine.retryAt.map { max(0, $0 - clock.monotonicSeconds()) }
        statusSink.yield(status)
    }

    /// Called after events were recorded (the kiosk hooks it to the store's commits): the status
    /// shows the outbox growing, and a long-poll or back-off in progress is cut short so the new
    /// events are pushed now.
    public func outboxChanged() async {
        outboxGrew = true
        interruptible?()
        await refreshPending()
        statusSink.yield(status)
    }

    func refreshPending() async {
        if let pending = try? await store.pendingCount() { status.pendingEvents = pending }
    }

    func nextSeed() -> UInt64 {
        seed = seed &+ 0x9E37_79B9_7F4A_7C15
        return seed
    }
}
