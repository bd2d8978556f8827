import SyncWire

/// Pages from `/v1/snapshot` and `/v1/changes`: checking them and computing the position the
/// store saves with them. A cursor never moves backwards; an answer that would move it back is
/// a server failure and nothing of it is applied.
extension SyncEngine {
    /// A snapshot page. The first page fixes `upto`; the last one switches to `/v1/changes`
    /// from `upto` (not from the page's cursor: events of other cities end the snapshot too).
    public mutating func snapshotAnswered(_ page: SnapshotResponse, now: Double) -> Action {
        guard let current = position else { return .readPosition }
        let progress = current.snapshot
        if let upto = progress?.upto, page.upto != upto {
            return failure(SyncProblem(.server, "the central server changed the snapshot's end from \(upto) to \(page.upto)"), now: now)
        }
        let after = progress?.after ?? "0"
        guard !Self.isBefore(page.cursor, after), !Self.isBefore(page.upto, page.cursor),
              Self.isOrdered(page.events, after: after, upto: page.upto) else {
            return failure(SyncProblem(.server, "the central server's snapshot page is out of order (cursor \(page.cursor) after \(after))"), now: now)
        }
        succeeded()
        let applied = (progress?.applied ?? 0) + page.events.count
        let next = page.hasMore
            ? SyncPosition(cursor: nil, snapshot: SnapshotProgress(upto: page.upto, after: page.cursor, applied: applied))
            : SyncPosition(cursor: page.upto, snapshot: nil)
        pendingApply = (next, page.hasMore)
        return .apply(page.events, next)
    }

    /// A changes page. An empty page that leaves the cursor where it was needs no write.
    public mutating func changesAnswered(_ page: ChangesResponse, now: Double) -> Action {
        guard let current = position, let cursor = current.cursor else { return pullAction() }
        guard !Self.isBefore(page.cursor, cursor), Self.isOrdered(page.events, after: cursor, upto: page.cursor) else {
            return failure(SyncProblem(.server, "the central server's changes page moves the cursor back (from \(cursor) to \(page.cursor))"), now: now)
        }
        succeeded()
        if page.events.isEmpty, page.cursor == cursor { return afterPage(hasMore: page.hasMore) }
        let next = SyncPosition(cursor: page.cursor, snapshot: nil)
        pendingApply = (next, page.hasMore)
        return .apply(page.events, next)
    }

    /// True when both are sequence numbers and `a` comes before `b`. Cursors are the centre's
    /// decimal sequence numbers; anything else cannot be compared and is let through.
    static func isBefore(_ a: String, _ b: String) -> Bool {
        guard let x = Int64(a), let y = Int64(b) else { return false }
        return x < y
    }

    /// Events strictly increasing, after `after` and not beyond `upto`.
    static func isOrdered(_ events: [SequencedEvent], after: String, upto: String) -> Bool {
        var last = Int64(after) ?? Int64.min
        let end = Int64(upto) ?? Int64.max
        for event in events {
            guard event.seq > last, event.seq <= end else { return false }
            last = event.seq
        }
        return true
    }
}
