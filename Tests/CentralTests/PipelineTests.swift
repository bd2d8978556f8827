@testable import Central
import DonorCore
import Foundation
import SyncWire
import Testing

/// What pipelining could break: a group planned while the group before it commits must see that
/// group's writes, and must be planned again when that commit fails. `HeldCommitStore` holds a
/// commit open so the second group is planned, for certain, while the first has not landed.
@Suite("Pipelined group commit")
struct PipelineTests {
    @Test(arguments: Backend.allCases)
    func aGroupPlannedWhileTheOneBeforeCommitsSeesItsDonor(_ backend: Backend) async throws {
        try await Self.withHeldService(backend) { service, control in
            let (first, second) = try await Self.pushDonationBesideHeldRegistration(service, control)
            #expect(try await service.store.donor(key: "d1") == nil)
            await control.release()
            #expect(try await first.value.results.map(\.status) == [.accepted])
            #expect(try await second.value.results.map(\.status) == [.accepted])
            #expect(try await Self.sequence(service) == ["1:r1", "2:g1"])
            #expect(await service.profile.totals.overlapped == 1)
            #expect(await service.profile.totals.replanned == 0)
        }
    }

    /// r2 (earlier HLC) takes over d1 in the held group; r3, planned beside it, must merge into
    /// the survivor that group made (d2), not the one the store still shows (d1).
    @Test(arguments: Backend.allCases)
    func aRegistrationPlannedBesideAMergeMergesIntoItsSurvivor(_ backend: Backend) async throws {
        try await Self.withHeldService(backend) { service, control in
            let (a, _) = try await Make.device(service, house: "a")
            let (b, _) = try await Make.device(service, house: "b")
            let (c, _) = try await Make.device(service, house: "c")
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "a", device: a.id, donor: "d1", hlc: Make.hlc(2_000, a.id))]), device: a)
            await control.hold()
            let second = Task {
                try await service.push(PushRequest(events: [Make.registration("r2", house: "b", device: b.id, donor: "d2", hlc: Make.hlc(1_000, b.id))]), device: b)
            }
            try await Self.waitUntil { await control.heldCount == 1 }
            let third = Task {
                try await service.push(PushRequest(events: [Make.registration("r3", house: "c", device: c.id, donor: "d3", hlc: Make.hlc(3_000, c.id))]), device: c)
            }
            try await Self.waitUntil { await control.readWhileHeld.contains("d3") }
            #expect(try await service.store.donor(key: "d1")?.mergedInto == nil)
            await control.release()
            #expect(try await second.value.results.map(\.status) == [.accepted])
            #expect(try await third.value.results.map(\.status) == [.accepted])
            #expect(try await service.store.donor(key: "d1")?.mergedInto == "d2")
            #expect(try await service.store.donor(key: "d2")?.mergedInto == nil)
            #expect(try await service.store.donor(key: "d3")?.mergedInto == "d2")
            #expect(try await service.store.flags().map(\.eventIDs) == [["r1", "r2"], ["r2", "r3"]])
            #expect(await service.profile.totals.replanned == 0)
        }
    }

    /// The held commit fails: nothing of r1 is stored, so g1, planned on it, is planned again
    /// and rejected (unknown donor) into the quarantine instead of being stored without its donor.
    @Test(arguments: Backend.allCases)
    func aGroupPlannedOnACommitThatFailsIsPlannedAgainFromTheStore(_ backend: Backend) async throws {
        try await Self.withHeldService(backend) { service, control in
            let (first, second) = try await Self.pushDonationBesideHeldRegistration(service, control)
            await control.release(failing: StoreError(.unavailable, "the disk is full"))
            await #expect(throws: StoreError.self) { try await first.value }
            let answer = try await second.value
            #expect(answer.results.map(\.status) == [.rejected])
            #expect(answer.results.first?.reason?.code == "unknown_donor")
            #expect(try await service.store.quarantined(limit: 10).map(\.eventID) == ["g1"])
            #expect(try await service.store.lastSequence() == 0)
            #expect(await service.profile.totals.replanned == 1)
        }
    }

    /// Pushes r1 (registering d1) and holds its commit, then pushes g1 (a donation of d1) and
    /// returns once g1's group has read d1 while r1's commit is still held.
    static func pushDonationBesideHeldRegistration(_ service: CentralService, _ control: CommitControl) async throws
        -> (registration: Task<PushResponse, any Error>, donation: Task<PushResponse, any Error>) {
        let (device, _) = try await Make.device(service, house: "h1")
        let r1 = Make.registration("r1", house: "h1", device: device.id, donor: "d1")
        let g1 = Make.donation("g1", house: "h1", device: device.id, donor: "d1", date: "2026-11-01")
        await control.hold()
        let registration = Task { try await service.push(PushRequest(events: [r1]), device: device) }
        try await waitUntil { await control.heldCount == 1 }
        let donation = Task { try await service.push(PushRequest(events: [g1]), device: device) }
        try await waitUntil { await control.readWhileHeld.contains("d1") }
        return (registration, donation)
    }

    static func withHeldService(_ backend: Backend, _ body: (CentralService, CommitControl) async throws -> Void) async throws {
        try await StoreFixture.withStore(backend) { store in
            let held = HeldCommitStore(store)
            let service = CentralService(store: held, keys: .random(), policy: ServiceFixture.policy, logger: StoreFixture.logger,
                                         clock: { ServiceFixture.fixedNow })
            try await body(service, held.control)
        }
    }

    /// Polls `condition` every 5 ms; fails after 10 s.
    static func waitUntil(_ condition: () async -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while await !condition() {
            try #require(ContinuousClock.now < deadline, "timed out waiting for the pipeline")
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// "seq:id" of every stored event, in order.
    static func sequence(_ service: CentralService) async throws -> [String] {
        try await service.store.changes(city: service.city, kinds: EventKind.allCases.map(\.rawValue), after: 0, upTo: nil, limit: 100)
            .map { "\($0.seq):\($0.event.id)" }
    }
}
