import SyncWire

/// Pushes waiting for the single writer. Whoever holds the serial gate takes every push that
/// has queued meanwhile and commits them together (group commit), so under load one
/// transaction carries many houses' batches instead of one transaction per event.
actor PushQueue {
    /// One push waiting for its answers.
    struct Job: Sendable {
        let events: [WireEvent]
        let house: String
        let answer: CheckedContinuation<[PushResult], any Error>
    }

    private var waiting: [Job] = []
    private var draining = false

    /// How many pushes wait now (for tests that hold the gate to build a group).
    var count: Int { waiting.count }

    /// Queues a push; returns true when the caller must start draining (nobody is).
    func add(_ job: Job) -> Bool {
        waiting.append(job)
        guard !draining else { return false }
        draining = true
        return true
    }

    /// Every waiting push, oldest first; when none waits the drainer stops (atomically, so a
    /// push queued after this starts a new drainer).
    func takeAll() -> [Job] {
        let jobs = waiting
        waiting = []
        if jobs.isEmpty { draining = false }
        return jobs
    }
}
