/// An async mutex: callers run `body` one at a time, in arrival order.
///
/// An actor alone does not serialise work that awaits (it is re-entrant), so the ingest path
/// takes this gate around "read state, decide, commit" to be the single writer.
public actor SerialGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    public init() {}

    /// Runs `body` while holding the gate.
    public func run<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await body()
    }

    /// True when someone waits for the gate (the holder may then give it up early).
    public var othersWaiting: Bool { !waiters.isEmpty }

    private func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}
