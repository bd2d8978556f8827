import Foundation
import KioskSync
import SyncWire
import Testing

/// A bootstrap asks for its next snapshot page while the current one is written
/// (`SyncDriver(prefetchesSnapshotPages:)`), and a page fetched ahead is used only for the very
/// request it answers.
@Suite("Snapshot prefetch")
struct SnapshotPrefetchTests {
    /// Nine events, snapshot pages of three, `upto` 9.
    static let settings = SyncSettings(pageSize: 3, onceRetries: 3)

    @Test func theNextPageIsAskedForWhileThePageBeforeIsWritten() async throws {
        let centre = ScriptedSnapshot(events: 9)
        let store = GatedStore(centre: centre)
        let runner = SyncRunner(store: store, transport: centre, settings: Self.settings, clock: ManualSyncClock(), seed: 1)
        let summary = try await runner.runOnce()
        #expect(summary.pulled == 9 && summary.pages == 3 && summary.cursor == "9")
        // Each page was asked for once, and pages 2 and 3 while the page before was being written.
        #expect(await centre.requests == [nil, "3", "6"])
        #expect(await store.askedWhileWriting == ["3", "6"])
        #expect(await store.writtenPages == [["e1", "e2", "e3"], ["e4", "e5", "e6"], ["e7", "e8", "e9"]])
        // Pages 2 and 3 came prepared: read while the page before was written.
        #expect(await store.writtenPrepared == [false, true, true])
    }

    /// Quitting the kiosk in the middle of a bootstrap does not wait for the page on its way.
    @Test func stoppingTheRunnerCancelsThePageFetchedAhead() async throws {
        let centre = ScriptedSnapshot(events: 9, hangingAfter: "3")
        let store = GatedStore(centre: centre)
        let runner = SyncRunner(store: store, transport: centre, settings: Self.settings, clock: ManualSyncClock(), seed: 1)
        await runner.start()
        while await store.writtenPages.isEmpty { try await Task.sleep(nanoseconds: 5_000_000) }
        await runner.stop()
        #expect(await centre.requests == [nil, "3"])
        #expect(await centre.cancelled == ["3"])
        #expect(await store.writtenPages == [["e1", "e2", "e3"]])
    }

    @Test func withoutPrefetchThePagesAreAskedOneAfterTheOther() async throws {
        let centre = ScriptedSnapshot(events: 9)
        let store = GatedStore(centre: centre, patience: 40)
        var driver = SyncDriver(engine: SyncEngine(settings: Self.settings, mode: .once, seed: 1), store: store, transport: centre)
        while !driver.isOver { _ = await driver.step(now: 0) }
        #expect(await centre.requests == [nil, "3", "6"])
        #expect(await store.askedWhileWriting == [])
    }

    /// A page that fails to be written is not skipped: the page fetched ahead of it is dropped,
    /// and after the back-off both are asked for again in order.
    @Test func aFailedWriteDropsThePageFetchedAhead() async throws {
        let centre = ScriptedSnapshot(events: 9)
        let store = GatedStore(centre: centre, failingOnce: "e4")
        let clock = ManualSyncClock()
        let runner = SyncRunner(store: store, transport: centre, settings: Self.settings, clock: clock, seed: 1)
        let summary = try await runner.runOnce()
        #expect(summary.pulled == 9 && summary.cursor == "9")
        #expect(clock.sleeps.count == 1, "one back-off after the failed write")
        #expect(await centre.requests == [nil, "3", "6", "3", "6"])
        #expect(await store.writtenPages == [["e1", "e2", "e3"], ["e4", "e5", "e6"], ["e7", "e8", "e9"]])
        // The page fetched again after the back-off is read then; the next one ahead again.
        #expect(await store.writtenPrepared == [false, true, false, true])
    }
}

/// A centre holding `events` events (seq 1…n) and serving them as snapshot pages; it records
/// the `after` of every snapshot request in the order they arrive. A request after
/// `hangingAfter` gets no answer for 20 s unless it is cancelled, which is recorded.
actor ScriptedSnapshot: SyncTransport {
    let count: Int
    let hangingAfter: String?
    private(set) var requests: [String?] = []
    private(set) var cancelled: [String] = []

    init(events: Int, hangingAfter: String? = nil) {
        count = events
        self.hangingAfter = hangingAfter
    }

    nonisolated func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse { PushResponse(results: []) }

    nonisolated func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        ChangesResponse(events: [], cursor: after, hasMore: false)
    }

    nonisolated func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        let answer = await page(after: after, limit: limit)
        if let after, after == hangingAfter {
            do {
                try await Task.sleep(nanoseconds: 20_000_000_000)
            } catch {
                await noteCancelled(after)
                throw .unreachable("cancelled")
            }
        }
        return answer
    }

    private func noteCancelled(_ after: String) { cancelled.append(after) }

    private func page(after: String?, limit: Int) -> SnapshotResponse {
        requests.append(after)
        let start = Int(after ?? "0") ?? 0
        let end = min(count, start + limit)
        let events = (start + 1 > end ? [] : Array(start + 1...end)).map { seq in
            SequencedEvent(seq: Int64(seq), event: WireEvent(id: "e\(seq)", kind: "donor.updated", house: "h", device: "d", author: "a",
                                                             hlc: HLC(milliseconds: Int64(seq), node: "d").description,
                                                             donorKey: "p\(seq)", payload: .object([:])))
        }
        return SnapshotResponse(events: events, cursor: String(end), upto: String(count), hasMore: end < count)
    }
}

/// A kiosk store that, while writing a page, looks up to `patience` times (5 ms apart) whether
/// the centre was asked for the page after it, and notes whether it was; one page may fail
/// once. Counted in looks, not seconds: a full test run keeps both cores busy for minutes, and
/// a task waiting for a thread must not make a wall-clock deadline pass unseen.
actor GatedStore: SyncLocalStore {
    let centre: ScriptedSnapshot
    let patience: Int
    private var failingOnce: String?
    private var saved = SyncPosition()
    private(set) var writtenPages: [[String]] = []
    private(set) var askedWhileWriting: [String] = []
    /// For each write attempt (failed ones too), whether its page came prepared.
    private(set) var writtenPrepared: [Bool] = []
    private var nextIsPrepared = false

    init(centre: ScriptedSnapshot, patience: Int = 2000, failingOnce: String? = nil) {
        self.centre = centre
        self.patience = patience
        self.failingOnce = failingOnce
    }

    func pendingEvents(limit: Int) async throws -> [WireEvent] { [] }
    func pendingCount() async throws -> Int { 0 }
    func acknowledge(_ results: [PushResult]) async throws {}
    func position() async throws -> SyncPosition { saved }

    func prepare(_ events: [SequencedEvent]) async throws -> PreparedPage {
        PreparedPage(events: events, work: events.map(\.event.id))
    }

    func apply(_ page: PreparedPage, position: SyncPosition) async throws -> AppliedPage {
        nextIsPrepared = page.work as? [String] == page.events.map(\.event.id)
        return try await apply(page.events, position: position)
    }

    func apply(_ events: [SequencedEvent], position: SyncPosition) async throws -> AppliedPage {
        writtenPrepared.append(nextIsPrepared)
        nextIsPrepared = false
        if let next = position.snapshot?.after {
            for _ in 0..<patience {
                if await centre.requests.filter({ $0 == next }).count > askedCount(next) {
                    askedWhileWriting.append(next)
                    break
                }
                try await Task.sleep(nanoseconds: 5_000_000)
            }
        }
        if let failing = failingOnce, events.first?.event.id == failing {
            failingOnce = nil
            throw CocoaError(.fileWriteUnknown)
        }
        writtenPages.append(events.map(\.event.id))
        saved = position
        return AppliedPage(appliedCount: events.count, changedDonors: [])
    }

    /// How often `after` was already seen asked for while a page was written.
    private func askedCount(_ after: String) -> Int { askedWhileWriting.filter { $0 == after }.count }
}
