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

    public init(engine: SyncEngine, store: any SyncLocalStore, transport: any SyncTransport) {
        var engine = engine
        self.next = engine.start()
        self.engine = engine
        self.store = store
        self.transport = transport
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

    /// Performs `next` and asks the engine for the one after. `now` is the caller's monotonic
    /// clock in seconds (back-off deadlines are computed from it).
    public mutating func step(now: Double) async -> Report {
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
            do throws(SyncTransportError) {
                next = engine.snapshotAnswered(try await transport.snapshot(after: after, upto: upto, limit: limit), now: now)
            } catch {
                next = engine.pullFailed(error, now: now)
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
            do {
                let page = try await store.apply(events, position: position)
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
