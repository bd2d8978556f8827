import Central
import Foundation
import KioskSync
import SyncWire
import Testing

/// `SyncRunner` over the in-memory store and the real server on a socket.
@Suite("Sync runner")
struct RunnerTests {
    @Test func runOnceFailsWithAClearErrorWhenTheServerIsDown() async throws {
        let store = MemorySyncStore(disk: MemoryKioskDisk())
        try await store.record(Record.registration("r1", house: "h1", device: "dev-1", donor: "d1"))
        let clock = ManualSyncClock()
        let settings = SyncSettings(backoffBaseSeconds: 2, jitterFraction: 0, onceRetries: 2)
        let runner = SyncRunner(store: store, transport: HTTPSyncTransport(base: URL(string: "http://127.0.0.1:1")!, bearer: "dev-1.x"),
                                settings: settings, clock: clock, seed: 1)
        do {
            _ = try await runner.runOnce()
            Issue.record("runOnce must fail when nothing answers")
        } catch {
            #expect(error.problem.kind == .unreachable)
            #expect(error.problem.message.hasPrefix("the central server cannot be reached: 127.0.0.1: "))
            #expect(!error.needsEnrolment)
            #expect(error.summary.pushed == 0)
        }
        #expect(clock.sleeps == [2, 4], "two retries with back-off, then the error")
        let status = await runner.status
        #expect(!status.online && status.pendingEvents == 1 && status.lastError?.hasPrefix("the central server cannot be reached") == true)
        // Recording goes on offline; the status follows without a step.
        try await store.record(Record.donation("g1", house: "h1", device: "dev-1", donor: "d1"))
        await runner.outboxChanged()
        #expect(await runner.status.pendingEvents == 2)
    }

    @Test func runOncePushesEverythingAndPullsWhatOthersRecorded() async throws {
        try await LiveCentral.withServer { service, url in
            let settings = SyncSettings(pushBatchSize: 2, pageSize: 2)
            let (deviceA, transportA) = try await LiveCentral.kiosk(service, url, house: "a", settings: settings)
            let (_, transportB) = try await LiveCentral.kiosk(service, url, house: "b", settings: settings)
            let storeA = MemorySyncStore(disk: MemoryKioskDisk()), storeB = MemorySyncStore(disk: MemoryKioskDisk())
            for event in [Record.registration("r1", house: "a", device: deviceA, donor: "d1"),
                          Record.donation("g1", house: "a", device: deviceA, donor: "d1"),
                          Record.donation("g2", house: "a", device: deviceA, donor: "d1", volume: 450)] {
                try await storeA.record(event)
            }
            let a = try await SyncRunner(store: storeA, transport: transportA, settings: settings, clock: ManualSyncClock(), seed: 1).runOnce()
            #expect(a.pushed == 2 && a.rejected == 1 && a.pendingAfter == 0)
            // Its own two events come back in the snapshot and change nothing.
            #expect(a.pulled == 0 && a.cursor == "2")

            let runnerB = SyncRunner(store: storeB, transport: transportB, settings: settings, clock: ManualSyncClock(), seed: 2)
            let b = try await runnerB.runOnce()
            #expect(b.pushed == 0 && b.pulled == 2 && b.changedDonors == 1 && b.cursor == "2")
            var donors = runnerB.changedDonors.makeAsyncIterator()
            #expect(await donors.next() == ["d1"])
            #expect(try await storeB.position() == SyncPosition(cursor: "2"))
        }
    }

    @Test func theBackgroundRunnerPublishesStatusAndChangedDonors() async throws {
        try await LiveCentral.withServer { service, url in
            let settings = SyncSettings(longPollSeconds: 1)
            let (deviceA, transportA) = try await LiveCentral.kiosk(service, url, house: "a", settings: settings)
            let (_, transportB) = try await LiveCentral.kiosk(service, url, house: "b", settings: settings)
            let storeA = MemorySyncStore(disk: MemoryKioskDisk())
            try await storeA.record(Record.registration("r1", house: "a", device: deviceA, donor: "d1"))
            let runnerA = SyncRunner(store: storeA, transport: transportA, settings: settings, seed: 1)
            let runnerB = SyncRunner(store: MemorySyncStore(disk: MemoryKioskDisk()), transport: transportB, settings: settings, seed: 2)
            await runnerB.start()
            await runnerA.start()
            var statuses = runnerA.statusUpdates.makeAsyncIterator()
            var pushed: SyncStatus?
            while let status = await statuses.next() {
                if status.lastPush != nil { pushed = status; break }
            }
            #expect(pushed?.online == true && pushed?.pendingEvents == 0 && pushed?.lastError == nil && pushed?.needsEnrolment == false)
            var donors = runnerB.changedDonors.makeAsyncIterator()
            #expect(await donors.next() == ["d1"])
            await runnerA.stop()
            await runnerB.stop()
        }
    }

    /// A caught-up runner sits in a 30-s long-poll; a new event must not wait for it to end.
    /// Real HTTP: this also proves that cancelling the long-poll's request works on Linux.
    @Test func aNewEventCutsTheLongPollShortAndReachesTheCentreAtOnce() async throws {
        try await LiveCentral.withServer { service, url in
            let settings = SyncSettings(longPollSeconds: 30)
            let (device, transport) = try await LiveCentral.kiosk(service, url, house: "a", settings: settings)
            let store = MemorySyncStore(disk: MemoryKioskDisk())
            let runner = SyncRunner(store: store, transport: transport, settings: settings, seed: 1)
            await runner.start()
            var statuses = runner.statusUpdates.makeAsyncIterator()
            while let status = await statuses.next(), status.lastPull == nil {}
            // Let the runner enter its long-poll.
            try await Task.sleep(for: .milliseconds(300))
            let recorded = ContinuousClock.now
            try await store.record(Record.registration("r1", house: "a", device: device, donor: "d1"))
            await runner.outboxChanged()
            while try await service.store.event(id: "r1") == nil, ContinuousClock.now - recorded < .seconds(10) {
                try await Task.sleep(for: .milliseconds(20))
            }
            let elapsed = ContinuousClock.now - recorded
            #expect(try await service.store.event(id: "r1") != nil)
            #expect(elapsed < .seconds(2), "pushed after \(elapsed), not after the long-poll")
            let status = await runner.status
            #expect(status.online && status.lastError == nil, "an abandoned long-poll is not a failure: \(status)")
            await runner.stop()
        }
    }

    @Test func aRevokedDeviceStopsTheRunnerAndSaysSo() async throws {
        try await LiveCentral.withServer { service, url in
            let (device, transport) = try await LiveCentral.kiosk(service, url, house: "a")
            #expect(try await service.store.revokeDevice(id: device, at: 0))
            let runner = SyncRunner(store: MemorySyncStore(disk: MemoryKioskDisk()), transport: transport, clock: ManualSyncClock(), seed: 1)
            await runner.start()
            var statuses = runner.statusUpdates.makeAsyncIterator()
            while let status = await statuses.next(), !status.needsEnrolment {}
            let status = await runner.status
            #expect(status.needsEnrolment && !status.online)
            #expect(status.lastError == "the central server no longer accepts this kiosk (This device has been revoked; enrol it again with a new token.); enrol it again")
            await runner.stop()
        }
    }
}
