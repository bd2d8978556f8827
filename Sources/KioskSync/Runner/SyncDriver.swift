import SyncWire

/// Runs the engine's actions against a store and a transport, one action per `step`. Sleeping
/// is handed back to the caller (the runner's clock, or a simulation's virtual time), so the
/// same driver serves the background runner, `kiosk sync --once` and the simulation.
public struct SyncDriver: Sendable {
    /// What one step did, for the status and the caller's loop.
    public enum Report: Sendable, Hashable {
        /// Nothing a person needs to see (a position read, an empty outbox, an empty page).
        case progressed
        /// A push was answered: how many the centre now holds and how many it rejected.
        case pushed(stored: Int, rejected: Int)
        /// The centre answered a pull with nothing new: the kiosk is up to date.
        case upToDate
        /// A page was committed; `position` is what the store now holds.
        case applied(AppliedPage, position: SyncPosition)
        /// Wait this long before the next step.
        case sleep(seconds: Double)
        /// `once` mode: all done.
        case finished
        /// `once` mode gave up, or the credential was refused (`needsEnrolment`).
        case ended(SyncProblem, needsEnrolment: Bool)
    }

    public private(set) var engine: SyncEngine
    /// The action the next `step` performs.
    public private(set) var next: SyncEngine.Action
    let store: any SyncLocalStore
    let transport: any SyncTransport
    /// Whether a bootstrap asks for its next snapshot page while the current one is applied.
    let prefetchesSnapshotPages: Bool
    /// That next page, on its way: the request it answers and the task fetching it (and, once
    /// it is here, preparing it for the store: reading and sealing need no database).
    private var prefetched: (request: SnapshotRequest, answer: Task<Ahead, Never>)? = nil
    /// The prefetched page as the store prepared it, for the `apply` step right after.
    private var preparedAhead: PreparedPage? = nil

    /// A page fetched ahead, and the store's preparation of it (nil when it failed: `apply`
    /// then reads the page again and reports the failure).
    struct Ahead: Sendable {
        var answer: Result<SnapshotResponse, SyncTransportError>
        var prepared: PreparedPage?
    }

    /// What a snapshot page was asked with; a prefetched page serves only the same request.
    struct SnapshotRequest: Hashable {
        var after: String?
        var upto: String?
        var limit: Int
    }

    /// `prefetchesSnapshotPages`: while a bootstrap page is written, the next one is already
    /// asked for, so a new kiosk on a link with long round trips (or a busy centre) does not
    /// wait for the network and the disk one after the other, thousands of times. The kiosk
    /// turns it on (`SyncRunner`); the simulation leaves it off, because its seeded network
    /// must see the calls in one order for a seed to replay exactly.
    public init(engine: SyncEngine, store: any SyncLocalStore, transport: any SyncTransport, prefetchesSnapshotPages: Bool = false) {
        var engine = engine
        self.next = engine.start()
        self.engine = engine
        self.store = store
        self.transport = transport
        self.prefetchesSnapshotPages = prefetchesSnapshotPages
    }

    /// True after `finished`, a give-up or a refused credential.
    public var isOver: Bool {
        switch next {
        case .finished, .failed, .stopped: return true
        default: return false
        }
    }

    /// True while `next` is a long-poll (a caught-up kiosk waiting for others' events), which
    /// the runner abandons when the volunteers record something.
    public var isLongPolling: Bool {
        if case .changes(_, _, let wait) = next { return wait > 0 }
        return false
    }

    /// Abandons the long-poll in `next` for a push of the new events; anything else is left as is.
    public mutating func outboxGrew() {
        if isLongPolling { next = engine.outboxGrew() }
    }

    /// The caller stops stepping (the runner was stopped): the page fetched ahead, if any, is
    /// cancelled rather than left to finish for no one.
    public mutating func abandon() {
        prefetched?.answer.cancel()
        prefetched = nil
        preparedAhead = nil
    }

    /// Performs `next` and asks the engine for the one after. `now` is the caller's monotonic
    /// clock in seconds (back-off deadlines are computed from it).
    public mutating func step(now: Double) async -> Report {
        // A prefetched page serves only the snapshot step right after its page was applied;
        // any other step (a failure's back-off, a push) drops it.
        let ahead = prefetched, prepared = preparedAhead
        prefetched = nil
        preparedAhead = nil
        if let ahead, !Self.isSnapshot(next) { ahead.answer.cancel() }
        switch next {
        case .readPosition:
            do { next = engine.positionRead(try await store.position()) } catch { next = engine.storeFailed("\(error)", now: now) }
            return .progressed
        case .push(let limit):
            return await push(limit: limit, now: now)
        case .acknowledge(let results):
            do {
                try await store.acknowledge(results)
                next = engine.acknowledged()
            } catch {
                next = engine.storeFailed("\(error)", now: now)
                return .progressed
            }
            let rejected = results.filter { $0.status == .rejected }.count
            return .pushed(stored: results.count - rejected, rejected: rejected)
        case .snapshot(let after, let upto, let limit):
            let request = SnapshotRequest(after: after, upto: upto, limit: limit)
            let answer: Result<SnapshotResponse, SyncTransportError>
            if let ahead, ahead.request == request {
                // The fetch is not this task's child: a stopped runner must cancel it itself,
                // or quitting would wait for the page (up to the request's timeout).
                let fetched = await withTaskCancellationHandler { await ahead.answer.value } onCancel: { ahead.answer.cancel() }
                answer = fetched.answer
                preparedAhead = fetched.prepared
            } else {
                ahead?.answer.cancel()
                answer = await Self.fetch(request, from: transport)
            }
            switch answer {
            case .success(let page): next = engine.snapshotAnswered(page, now: now)
            case .failure(let error): next = engine.pullFailed(error, now: now)
            }
            return .progressed
        case .changes(let after, let limit, let wait):
            do throws(SyncTransportError) {
                next = engine.changesAnswered(try await transport.changes(after: after, limit: limit, wait: wait), now: now)
            } catch {
                next = engine.pullFailed(error, now: now)
                return .progressed
            }
            if case .apply = next { return .progressed }
            return engine.lastProblem == nil ? .upToDate : .progressed
        case .apply(let events, let position):
            if prefetchesSnapshotPages, let more = position.snapshot {
                let request = SnapshotRequest(after: more.after, upto: more.upto, limit: engine.settings.pageSize)
                let transport = self.transport, store = self.store
                prefetched = (request, Task {
                    let answer = await Self.fetch(request, from: transport)
                    guard case .success(let page) = answer, !Task.isCancelled else { return Ahead(answer: answer) }
                    return Ahead(answer: answer, prepared: try? await store.prepare(page.events))
                })
            }
            do {
                let page: AppliedPage
                if let prepared, prepared.events.map(\.seq) == events.map(\.seq) {
                    page = try await store.apply(prepared, position: position)
                } else {
                    page = try await store.apply(events, position: position)
                }
                next = engine.applied(page)
                return .applied(page, position: position)
            } catch {
                next = engine.storeFailed("\(error)", now: now)
                return .progressed
            }
        case .sleep(let seconds):
            next = engine.woke()
            return .sleep(seconds: seconds)
        case .finished:
            return .finished
        case .failed(let problem):
            return .ended(problem, needsEnrolment: false)
        case .stopped(let problem):
            return .ended(problem, needsEnrolment: true)
        }
    }

    static func fetch(_ request: SnapshotRequest, from transport: any SyncTransport) async -> Result<SnapshotResponse, SyncTransportError> {
        do throws(SyncTransportError) {
            return .success(try await transport.snapshot(after: request.after, upto: request.upto, limit: request.limit))
        } catch {
            return .failure(error)
        }
    }

    static func isSnapshot(_ action: SyncEngine.Action) -> Bool {
        if case .snapshot = action { return true }
        return false
    }

    mutating func push(limit: Int, now: Double) async -> Report {
        let events: [WireEvent]
        do {
            events = try await store.pendingEvents(limit: limit)
        } catch {
            next = engine.storeFailed("\(error)", now: now)
            return .progressed
        }
        guard !events.isEmpty else {
            next = engine.nothingToPush()
            return .progressed
        }
        let ids = events.map(\.id)
        do throws(SyncTransportError) {
            next = engine.pushAnswered(ids: ids, response: try await transport.push(PushRequest(events: events)), now: now)
        } catch {
            next = engine.pushFailed(ids: ids, error: error, now: now)
        }
        return .progressed
    }
}
