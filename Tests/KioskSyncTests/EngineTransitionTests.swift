import KioskSync
import SyncWire
import Testing

/// The round: push in batches, bootstrap from the snapshot, switch to changes at `upto`,
/// long-poll when caught up; pages that would move the cursor back are refused.
@Suite("Sync engine transitions")
struct EngineTransitionTests {
    static func event(_ seq: Int64) -> SequencedEvent {
        SequencedEvent(seq: seq, event: WireEvent(id: "e\(seq)", kind: "donor.updated", house: "h", device: "d", author: "a",
                                                  hlc: HLC(milliseconds: seq, node: "d").description, donorKey: "p\(seq)", payload: .object([:])))
    }

    static let settings = SyncSettings(pushBatchSize: 4, pageSize: 3, longPollSeconds: 25)

    @Test func aNewKioskBootstrapsInPagesThenFollowsChangesFromUpto() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        #expect(engine.start() == .readPosition)
        #expect(engine.positionRead(SyncPosition()) == .push(limit: 4))
        #expect(engine.nothingToPush() == .snapshot(after: nil, upto: nil, limit: 3))
        let first = SnapshotResponse(events: [Self.event(2), Self.event(5)], cursor: "5", upto: "12", hasMore: true)
        let firstPosition = SyncPosition(cursor: nil, snapshot: SnapshotProgress(upto: "12", after: "5", applied: 2))
        #expect(engine.snapshotAnswered(first, now: 0) == .apply(first.events, firstPosition))
        #expect(engine.applied(AppliedPage(appliedCount: 2, changedDonors: [])) == .snapshot(after: "5", upto: "12", limit: 3))
        #expect(engine.position == firstPosition)
        // The last page ends at seq 9 (later events are another city's); changes start at upto.
        let last = SnapshotResponse(events: [Self.event(9)], cursor: "9", upto: "12", hasMore: false)
        #expect(engine.snapshotAnswered(last, now: 1) == .apply(last.events, SyncPosition(cursor: "12")))
        #expect(engine.applied(AppliedPage(appliedCount: 1, changedDonors: ["p9"])) == .push(limit: 4))
        #expect(engine.nothingToPush() == .changes(after: "12", limit: 3, wait: 25))
    }

    @Test func aRestartMidBootstrapResumesWithTheSameUpto() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: nil, snapshot: SnapshotProgress(upto: "40", after: "17", applied: 9)))
        #expect(engine.nothingToPush() == .snapshot(after: "17", upto: "40", limit: 3))
        // A server that changes the snapshot's end mid-way is not believed.
        let moved = SnapshotResponse(events: [Self.event(18)], cursor: "18", upto: "41", hasMore: true)
        guard case .sleep = engine.snapshotAnswered(moved, now: 0) else { Issue.record("a moved upto must not be applied"); return }
        #expect(engine.position?.snapshot?.upto == "40")
    }

    @Test func catchingUpPullsWithoutWaitingThenLongPolls() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "3"))
        #expect(engine.nothingToPush() == .changes(after: "3", limit: 3, wait: 0))
        let full = ChangesResponse(events: [Self.event(4), Self.event(5), Self.event(6)], cursor: "6", hasMore: true)
        #expect(engine.changesAnswered(full, now: 0) == .apply(full.events, SyncPosition(cursor: "6")))
        #expect(engine.applied(AppliedPage(appliedCount: 3, changedDonors: [])) == .changes(after: "6", limit: 3, wait: 0))
        // Nothing new: no write, back to the outbox, then the long-poll.
        #expect(engine.changesAnswered(ChangesResponse(events: [], cursor: "6", hasMore: false), now: 1) == .push(limit: 4))
        #expect(engine.nothingToPush() == .changes(after: "6", limit: 3, wait: 25))
    }

    @Test func newEventsCutALongPollShortForAPushAndTheRoundGoesOn() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "6"))
        #expect(engine.nothingToPush() == .changes(after: "6", limit: 3, wait: 0))
        #expect(engine.changesAnswered(ChangesResponse(events: [], cursor: "6", hasMore: false), now: 0) == .push(limit: 4))
        #expect(engine.nothingToPush() == .changes(after: "6", limit: 3, wait: 25))
        // A volunteer records a donation while the long-poll is open.
        #expect(engine.outboxGrew() == .push(limit: 4))
        #expect(engine.pushAnswered(ids: ["n1"], response: PushResponse(results: [PushResult(id: "n1", status: .accepted)]), now: 1)
            == .acknowledge([PushResult(id: "n1", status: .accepted)]))
        #expect(engine.acknowledged() == .push(limit: 4))
        // Still caught up: back to the long-poll from the same cursor.
        #expect(engine.nothingToPush() == .changes(after: "6", limit: 3, wait: 25))
    }

    @Test func aPageThatMovesTheCursorBackIsNeverApplied() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "20"))
        _ = engine.nothingToPush()
        let back = ChangesResponse(events: [Self.event(16)], cursor: "16", hasMore: false)
        guard case .sleep = engine.changesAnswered(back, now: 0) else { Issue.record("a cursor moving back must not be applied"); return }
        #expect(engine.position?.cursor == "20")
        #expect(engine.lastProblem?.kind == .server)
        // Events at or before the cursor under a forward cursor are out of order too.
        _ = engine.woke()
        let stale = ChangesResponse(events: [Self.event(19), Self.event(21)], cursor: "21", hasMore: false)
        guard case .sleep = engine.changesAnswered(stale, now: 1) else { Issue.record("stale events must not be applied"); return }
        _ = engine.woke()
        let good = ChangesResponse(events: [Self.event(21)], cursor: "21", hasMore: false)
        #expect(engine.changesAnswered(good, now: 2) == .apply(good.events, SyncPosition(cursor: "21")))
    }

    @Test func aWholeBatchRefusalIsSplitUntilTheBadEventIsRejectedAlone() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        _ = engine.start()
        #expect(engine.positionRead(SyncPosition(cursor: "0")) == .push(limit: 4))
        let refused = SyncTransportError.refused(status: 400, code: "invalid_author", message: "Event 1: 'author' must be …")
        #expect(engine.pushFailed(ids: ["a", "b", "c", "d"], error: refused, now: 0) == .push(limit: 2))
        #expect(engine.pushFailed(ids: ["a", "b"], error: refused, now: 0) == .push(limit: 1))
        let alone = engine.pushFailed(ids: ["a"], error: refused, now: 0)
        #expect(alone == .acknowledge([PushResult(id: "a", status: .rejected, reason: WireErrorDetail(
            code: "invalid_author", message: "refused by the central server (400): Event 1: 'author' must be …"))]))
        #expect(engine.rejectedCount == 1)
        // The rest goes on in full batches, and no back-off was spent on the refusals.
        #expect(engine.acknowledged() == .push(limit: 4))
        #expect(engine.failuresInARow == 0)
    }

    @Test func anAnswerThatDoesNotMatchTheBatchAcknowledgesNothing() {
        var engine = SyncEngine(settings: Self.settings, seed: 1)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "0"))
        let short = PushResponse(results: [PushResult(id: "a", status: .accepted)])
        guard case .sleep = engine.pushAnswered(ids: ["a", "b"], response: short, now: 0) else { Issue.record("must back off"); return }
        #expect(engine.woke() == .push(limit: 4))
        let answer = PushResponse(results: [PushResult(id: "a", status: .accepted), PushResult(id: "b", status: .rejected)])
        #expect(engine.pushAnswered(ids: ["a", "b"], response: answer, now: 1) == .acknowledge(answer.results))
        #expect(engine.rejectedCount == 1)
    }

    @Test func onceFinishesWhenCaughtUp() {
        var engine = SyncEngine(settings: Self.settings, mode: .once, seed: 1)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "5"))
        #expect(engine.nothingToPush() == .changes(after: "5", limit: 3, wait: 0))
        #expect(engine.changesAnswered(ChangesResponse(events: [Self.event(6)], cursor: "6", hasMore: false), now: 0)
                == .apply([Self.event(6)], SyncPosition(cursor: "6")))
        #expect(engine.applied(AppliedPage(appliedCount: 1, changedDonors: [])) == .finished)
    }
}
