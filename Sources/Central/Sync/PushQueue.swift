import SyncWire

/// Pushes waiting for the single writer. Whoever holds the serial gate takes every push that
/// has queued meanwhile and commits them together (group commit), so under load one
/// transaction carries many houses' batches instead of one transaction per event.
actor PushQueue {
    /// One push waiting for its answers.
    struct Job: Sendable {
        let events: [PreparedEvent]
        let house: String
        let answer: CheckedContinuation<[PushResult], any Error>
    }

    private var waiting: [Job] = []
    private var draining = false
    /// The writer waiting in `arrival(orEndOf:)`, with the number of that wait.
    private var watcher: (wait: Int, continuation: CheckedContinuation<Void, Never>)?
    private var waits = 0

    /// How many pushes wait now (for tests that hold the gate to build a group).
    var count: Int { waiting.count }

    /// Queues a push; returns true when the caller must start draining (nobody is).
    func add(_ job: Job) -> Bool {
        waiting.append(job)
        if let watcher {
            self.watcher = nil
            watcher.continuation.resume()
        }
        guard !draining else { return false }
        draining = true
        return true
    }

    /// Every waiting push, oldest first; when none waits the drainer stops (atomically, so a
    /// push queued after this starts a new drainer), unless it must `keepDraining` (it still
    /// has a commit to finish and will ask again).
    func takeAll(keepDraining: Bool = false) -> [Job] {
        let jobs = waiting
        waiting = []
        if jobs.isEmpty && !keepDraining { draining = false }
        return jobs
    }

    /// Waits until a push queues or `commit` ends, whichever comes first, so a push arriving
    /// while a group commits is planned beside that commit. True when a push waits.
    func arrival(orEndOf commit: Task<Void, any Error>) async -> Bool {
        guard waiting.isEmpty else { return true }
        waits += 1
        let wait = waits
        // Runs on this actor only once the continuation below is stored.
        Task {
            _ = await commit.result
            self.end(wait)
        }
        await withCheckedContinuation { watcher = (wait, $0) }
        return !waiting.isEmpty
    }

    private func end(_ wait: Int) {
        guard let watcher, watcher.wait == wait else { return }
        self.watcher = nil
        watcher.continuation.resume()
    }
}
