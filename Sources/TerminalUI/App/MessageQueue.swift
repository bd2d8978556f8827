import Synchronization

/// Messages coming back from effects, waiting for the UI thread.
///
/// Effects run on the concurrency pool and push here; the loop drains it between input
/// batches. A `Mutex` keeps it safely `Sendable` without unchecked conformances.
final class MessageQueue<Message: Sendable>: Sendable {
    private let pending = Mutex<[Message]>([])

    func push(_ message: Message) {
        pending.withLock { $0.append(message) }
    }

    /// Removes and returns everything queued, oldest first.
    func drain() -> [Message] {
        pending.withLock { queue in
            defer { queue.removeAll() }
            return queue
        }
    }
}
