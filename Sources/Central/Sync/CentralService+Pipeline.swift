import SyncWire

/// The single writer's loop, pipelined: while one group of pushes commits, the pushes queued
/// meanwhile are planned as the next group, against the store plus the committing group's
/// writes taken as committed (`IngestView`'s overlay). Commits still run one at a time and in
/// order, so sequence numbers stay contiguous. When a commit fails, the group planned on it is
/// planned again from what the store holds.
extension CentralService {
    /// Takes the gate and runs groups until no push waits, giving the gate up in between when
    /// something else (a lab deferral) waits for it.
    func drainPushes() async {
        while await gate.run({ await self.runGroups() }) {}
    }

    /// Plans and commits groups, each planned while the one before it commits. Returns true
    /// when it stopped for another user of the gate (pushes may still wait), false when none waits.
    /// Never returns with a commit running.
    func runGroups() async -> Bool {
        var committing: (group: PlannedGroup, commit: Task<Void, any Error>)?
        while true {
            let jobs = await pushes.takeAll(keepDraining: committing != nil)
            guard !jobs.isEmpty else {
                guard let last = committing else { return false }
                if await pushes.arrival(orEndOf: last.commit) { continue }
                committing = nil
                _ = await finish(last.group, last.commit)
                continue
            }
            var planned = await Result(awaiting: { try await self.planGroup(jobs, after: committing?.group.batch) })
            if let previous = committing {
                committing = nil
                let start = ContinuousClock.now
                let landed = await finish(previous.group, previous.commit)
                await profile.waited(seconds: IngestProfile.seconds(since: start))
                if !landed {
                    // Planned on writes that did not land as planned: plan again from the store.
                    await profile.replanned()
                    planned = await Result(awaiting: { try await self.planGroup(jobs, after: nil) })
                }
            }
            switch planned {
            case .success(let group):
                committing = (group, Task { try await self.commitPlanned(group.batch) })
            case .failure(let error):
                fail(jobs, error)
            }
            if let last = committing, await gate.othersWaiting {
                _ = await finish(last.group, last.commit)
                return true
            }
        }
    }

    /// Waits for a group's commit and answers its pushes. False when its writes did not land as
    /// planned, so whatever was planned on them must be planned again.
    func finish(_ group: PlannedGroup, _ commit: Task<Void, any Error>) async -> Bool {
        do {
            try await commit.value
            await answer(group.jobs, group.answers)
            return true
        } catch let error as StoreError where error.code == .conflict {
            // Another server process stored one of the ids meanwhile: plan again from fresh reads.
            do { await answer(group.jobs, try await commitGroup(group.jobs)) } catch { fail(group.jobs, error) }
            return false
        } catch {
            fail(group.jobs, error)
            return false
        }
    }

    private func answer(_ jobs: [PushQueue.Job], _ answers: [[PushResult]]) async {
        for (job, results) in zip(jobs, answers) { job.answer.resume(returning: results) }
        if answers.contains(where: { $0.contains { $0.status == .accepted } }) { await notifier.notify() }
    }

    /// Nothing of the group was written; each push answers with the failure.
    private func fail(_ jobs: [PushQueue.Job], _ error: any Error) {
        for job in jobs { job.answer.resume(throwing: error) }
    }
}

extension Result where Failure == any Error {
    /// The value of an async throwing body, or its error.
    init(awaiting body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
