import Foundation

/// Wakes long-polling pulls (`/v1/changes?wait=N`) as soon as a commit lands.
///
/// A pull reads `version` before it queries; if a commit lands between its query and its wait,
/// the version has moved and the wait returns at once instead of sleeping through the news.
public actor ChangeNotifier {
    private var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    /// Bumped on every `notify()`.
    public private(set) var version = 0

    public init() {}

    /// Wakes every waiter.
    public func notify() {
        version += 1
        let all = waiters
        waiters.removeAll()
        for continuation in all.values { continuation.resume() }
    }

    /// The number of pulls waiting now (for `/metrics`).
    public var waiting: Int { waiters.count }

    /// Returns at the first `notify()` after `version` was `seen`, or after `seconds`.
    public nonisolated func wait(since seen: Int, seconds: Double) async {
        let id = UUID()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.park(id, seen: seen) }
            group.addTask { try? await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000)) }
            await group.next()
            // Whichever finished first, release the other.
            group.cancelAll()
            await self.release(id)
        }
    }

    private func park(_ id: UUID, seen: Int) async {
        await withCheckedContinuation { continuation in
            if Task.isCancelled || version != seen { continuation.resume() } else { waiters[id] = continuation }
        }
    }

    private func release(_ id: UUID) {
        waiters.removeValue(forKey: id)?.resume()
    }
}
