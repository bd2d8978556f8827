import Foundation
import SyncWire

/// Ingest with group commit: every push queued while the writer is busy is planned against one
/// `IngestView` and written in one transaction, on one contiguous range of sequence numbers.
/// The writer's loop (`CentralService+Pipeline.swift`) plans a group while the one before commits.
extension CentralService {
    /// Ingests a pushed batch: request-level checks first (a failure changes nothing), then an
    /// answer per event. The same event id twice has one effect, within a batch too.
    public func push(_ request: PushRequest, device: Device) async throws -> PushResponse {
        try EnvelopeCheck.check(request, device: device)
        // Sealing and blind indexes need no state: done here, in parallel, not behind the writer.
        let events = request.events.map { PreparedEvent($0, keys: keys) }
        let results = try await withCheckedThrowingContinuation { answer in
            Task {
                if await pushes.add(PushQueue.Job(events: events, house: device.house, answer: answer)) { await drainPushes() }
            }
        }
        metrics.count(results)
        logger.info("push", metadata: [
            "house": .string(device.house), "device": .string(device.id), "events": .stringConvertible(results.count),
            "accepted": .stringConvertible(results.filter { $0.status == .accepted }.count),
        ])
        return PushResponse(results: results)
    }

    /// A group of pushes decided against one view: the answers it gives once `batch` commits.
    struct PlannedGroup: Sendable {
        let jobs: [PushQueue.Job]
        let answers: [[PushResult]]
        let batch: WriteBatch
    }

    /// Decides every event of a group against the store, plus `committing` (the writes of the
    /// group before it, whose commit is still running) taken as committed.
    func planGroup(_ jobs: [PushQueue.Job], after committing: WriteBatch?) async throws -> PlannedGroup {
        let start = ContinuousClock.now
        let view = IngestView(store: store, receivedAt: now, after: committing)
        let events = jobs.flatMap(\.events)
        try await view.prefetch(events.map(\.event), idHashes: events.compactMap(\.idHash))
        let read = IngestProfile.seconds(since: start)
        var answers: [[PushResult]] = []
        for job in jobs {
            var results: [PushResult] = []
            for event in job.events { results.append(try await ingest(event, view: view)) }
            answers.append(results)
        }
        await profile.planned(events: events.count, read: read, plan: IngestProfile.seconds(since: start) - read, overlapped: committing != nil)
        return PlannedGroup(jobs: jobs, answers: answers, batch: view.writeBatch(touching: Array(Set(jobs.map(\.house))).sorted()))
    }

    /// Writes a planned group's batch, timed.
    func commitPlanned(_ batch: WriteBatch) async throws {
        let start = ContinuousClock.now
        try await store.commit(batch)
        await profile.committed(seconds: IngestProfile.seconds(since: start))
    }

    /// Plans and commits a group with nothing in flight; answers per push, per event. When
    /// another server process stored one of the ids between our reads and our commit, the
    /// group is planned again from fresh reads (that id is then a duplicate).
    func commitGroup(_ jobs: [PushQueue.Job]) async throws -> [[PushResult]] {
        var attempt = 0
        while true {
            let group = try await planGroup(jobs, after: nil)
            do {
                try await commitPlanned(group.batch)
                return group.answers
            } catch let error as StoreError where error.code == .conflict && attempt < 2 {
                attempt += 1
            }
        }
    }

    /// One event against the group's view: duplicate, accepted (with any review flags) or
    /// rejected into the quarantine.
    func ingest(_ prepared: PreparedEvent, view: IngestView) async throws -> PushResult {
        let event = prepared.event
        if try await view.isStored(event.id) { return PushResult(id: event.id, status: .duplicate) }
        if let kept = try await view.quarantined(event.id) {
            return PushResult(id: event.id, status: .rejected, reason: WireErrorDetail(code: kept.code, message: kept.message))
        }
        do {
            let batch = try await plan(prepared, view: view)
            try await view.apply(batch)
            return PushResult(id: event.id, status: .accepted, flags: batch.flags.map(\.kind))
        } catch let rejection as CentralError {
            var sealed = event
            sealed.payload = (try? prepared.sealed.get())?.payload ?? .null
            view.keep(QuarantinedEvent(
                eventID: event.id, house: event.house, device: event.device, kind: event.kind, code: rejection.code,
                message: rejection.message, body: try StoreCoding.json(sealed), receivedAt: now))
            return PushResult(id: event.id, status: .rejected, reason: rejection.detail)
        }
    }
}
