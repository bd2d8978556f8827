import Foundation
import SyncWire

/// Ingest with group commit: every push queued while the writer is busy is planned against one
/// `IngestView` and written in one transaction, on one contiguous range of sequence numbers.
extension CentralService {
    /// Ingests a pushed batch: request-level checks first (a failure changes nothing), then an
    /// answer per event. The same event id twice has one effect, within a batch too.
    public func push(_ request: PushRequest, device: Device) async throws -> PushResponse {
        try EnvelopeCheck.check(request, device: device)
        let results = try await withCheckedThrowingContinuation { answer in
            Task {
                if await pushes.add(PushQueue.Job(events: request.events, house: device.house, answer: answer)) { await drainPushes() }
            }
        }
        await metrics.count(results)
        logger.info("push", metadata: [
            "house": .string(device.house), "device": .string(device.id), "events": .stringConvertible(results.count),
            "accepted": .stringConvertible(results.filter { $0.status == .accepted }.count),
        ])
        return PushResponse(results: results)
    }

    /// Takes the gate, then every queued push, and commits them as one group; again until none waits.
    func drainPushes() async {
        while true {
            let more = await gate.run { () async -> Bool in
                let jobs = await self.pushes.takeAll()
                guard !jobs.isEmpty else { return false }
                do {
                    let answers = try await self.commitGroup(jobs)
                    for (job, results) in zip(jobs, answers) { job.answer.resume(returning: results) }
                    if answers.contains(where: { $0.contains { $0.status == .accepted } }) { await self.notifier.notify() }
                } catch {
                    // Nothing of the group was written; each push answers with the failure.
                    for job in jobs { job.answer.resume(throwing: error) }
                }
                return true
            }
            if !more { return }
        }
    }

    /// Plans and commits a group; answers per push, per event. When another server process
    /// stored one of the ids between our reads and our commit, the group is planned again from
    /// fresh reads (that id is then a duplicate).
    func commitGroup(_ jobs: [PushQueue.Job]) async throws -> [[PushResult]] {
        var attempt = 0
        while true {
            let view = IngestView(store: store, receivedAt: now)
            let events = jobs.flatMap(\.events)
            try await view.prefetch(events, idHashes: events.compactMap(registeredIDHash))
            var answers: [[PushResult]] = []
            for job in jobs {
                var results: [PushResult] = []
                for event in job.events { results.append(try await ingest(event, view: view)) }
                answers.append(results)
            }
            do {
                try await store.commit(view.writeBatch(touching: Array(Set(jobs.map(\.house))).sorted()))
                return answers
            } catch let error as StoreError where error.code == .conflict && attempt < 2 {
                attempt += 1
            }
        }
    }

    /// One event against the group's view: duplicate, accepted (with any review flags) or
    /// rejected into the quarantine.
    func ingest(_ event: WireEvent, view: IngestView) async throws -> PushResult {
        if try await view.isStored(event.id) { return PushResult(id: event.id, status: .duplicate) }
        if let kept = try await view.quarantined(event.id) {
            return PushResult(id: event.id, status: .rejected, reason: WireErrorDetail(code: kept.code, message: kept.message))
        }
        do {
            let batch = try await plan(event, view: view)
            try await view.apply(batch)
            return PushResult(id: event.id, status: .accepted, flags: batch.flags.map(\.kind))
        } catch let rejection as CentralError {
            let sealed = WireEvent(id: event.id, kind: event.kind, house: event.house, device: event.device, author: event.author,
                                   hlc: event.hlc, donorKey: event.donorKey, payload: (try? PayloadSealer.seal(event.payload, keys: keys)) ?? .null)
            view.keep(QuarantinedEvent(
                eventID: event.id, house: event.house, device: event.device, kind: event.kind, code: rejection.code,
                message: rejection.message, body: try StoreCoding.json(sealed), receivedAt: now))
            return PushResult(id: event.id, status: .rejected, reason: rejection.detail)
        }
    }

    /// The blind index of the ID number a `donor.registered` event carries, for prefetching.
    func registeredIDHash(_ event: WireEvent) -> String? {
        guard event.kind == EventKind.donorRegistered.rawValue,
              let number = event.payload.objectValue?["id_number"]?.stringValue else { return nil }
        return keys.idHash(number)
    }
}
