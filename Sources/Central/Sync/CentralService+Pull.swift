import SyncWire

/// Pulls: `/v1/changes` (with long-poll) and `/v1/snapshot`.
extension CentralService {
    /// The most events one page may carry.
    public static let maxPage = 1000
    /// The longest long-poll.
    public static let maxWait = 60.0

    /// Events of the house's city after `after`, at most `limit`; with `wait` > 0 and nothing
    /// new, waits until something arrives or `wait` seconds pass.
    public func changes(house: House, after: Int64, limit: Int, wait: Double) async throws -> ChangesResponse {
        let deadline = ContinuousClock.now + .milliseconds(Int64(min(wait, Self.maxWait) * 1000))
        while true {
            let seen = await notifier.version
            let page = try await store.changes(city: house.city, kinds: Self.sharedKinds, after: after, upTo: nil, limit: limit + 1)
            let remaining = ContinuousClock.now.duration(to: deadline)
            if !page.isEmpty || remaining <= .zero || Task.isCancelled {
                try await store.touchHouse(id: house.id, at: now)
                return response(page, after: after, limit: limit)
            }
            // Something committed for another city wakes us too; then look again.
            await notifier.wait(since: seen, seconds: remaining / .seconds(1))
        }
    }

    /// A page of the house's view up to `upto` (fixed at the first page), for a new kiosk.
    public func snapshot(house: House, after: Int64, upto: Int64?, limit: Int) async throws -> SnapshotResponse {
        var end = upto ?? 0
        if upto == nil { end = try await store.lastSequence() }
        let page = try await store.changes(city: house.city, kinds: Self.sharedKinds, after: after, upTo: end, limit: limit + 1)
        let body = response(page, after: after, limit: limit)
        return SnapshotResponse(events: body.events, cursor: body.cursor, upto: String(end), hasMore: body.hasMore)
    }

    private func response(_ page: [StoredEvent], after: Int64, limit: Int) -> ChangesResponse {
        let shown = page.prefix(limit).map { stored in
            var event = stored.event
            event.payload = PayloadSealer.open(event.payload, keys: keys)
            return SequencedEvent(seq: stored.seq, event: event)
        }
        return ChangesResponse(events: Array(shown), cursor: String(shown.last?.seq ?? after), hasMore: page.count > limit)
    }
}
