@testable import Central
import DonorCore
import Foundation
import SyncWire
import Testing

/// What group commit could break: ids repeated within a batch, mixed answers, two houses'
/// pushes planned in one commit, and readers while many houses push.
@Suite("Group commit")
struct GroupCommitTests {
    @Test(arguments: Backend.allCases)
    func aRepeatedIDWithinOneBatchHasOneEffect(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let r1 = Make.registration("r1", house: "h1", device: device.id, donor: "d1")
            let g1 = Make.donation("g1", house: "h1", device: device.id, donor: "d1", date: "2026-11-01")
            let answer = try await service.push(PushRequest(events: [r1, r1, g1, g1]), device: device)
            #expect(answer.results.map(\.status) == [.accepted, .duplicate, .accepted, .duplicate])
            #expect(try await service.store.lastSequence() == 2)
            #expect(try await service.stats().donations.count == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func aBatchMixingAcceptedRejectedAndDuplicateAnswersEachEvent(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let r1 = Make.registration("r1", house: "h1", device: device.id, donor: "d1")
            _ = try await service.push(PushRequest(events: [r1]), device: device)
            let orphan = Make.donation("g0", house: "h1", device: device.id, donor: "nobody", date: "2026-11-01")
            let r2 = Make.registration("r2", house: "h1", device: device.id, donor: "d2", idNumber: "140105198506150036")
            // g2 names d2, registered earlier in the same batch; it must see it.
            let g2 = Make.donation("g2", house: "h1", device: device.id, donor: "d2", date: "2026-11-01")
            let answer = try await service.push(PushRequest(events: [r1, orphan, r2, orphan, g2]), device: device)
            #expect(answer.results.map(\.status) == [.duplicate, .rejected, .accepted, .rejected, .accepted])
            #expect(answer.results.map { $0.reason?.code } == [nil, "unknown_donor", nil, "unknown_donor", nil])
            #expect(try await service.store.quarantined(limit: 10).map(\.eventID) == ["g0"])
            #expect(try await service.store.changes(city: service.city, kinds: ["donor.registered", "donation.recorded"], after: 0, upTo: nil, limit: 10)
                .map { "\($0.seq):\($0.event.id)" } == ["1:r1", "2:r2", "3:g2"])
            #expect(try await service.store.house(id: "h1")?.lastSyncAt == Int64(ServiceFixture.fixedNow.timeIntervalSince1970))
        }
    }

    /// Both registrations are planned in one coalesced commit (the gate is held until both
    /// pushes wait): the second sees the first, the earliest HLC wins whichever queued first.
    @Test(arguments: Backend.allCases)
    func twoHousesRegisteringOneIDNumberInOneCommitAreMergedIntoTheEarliest(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (a, _) = try await Make.device(service, house: "a")
            let (b, _) = try await Make.device(service, house: "b")
            let later = Make.registration("ra", house: "a", device: a.id, donor: "da", hlc: Make.hlc(2_000, a.id))
            let earlier = Make.registration("rb", house: "b", device: b.id, donor: "db", hlc: Make.hlc(1_000, b.id))
            let answers = try await service.gate.run {
                let first = Task { try await service.push(PushRequest(events: [later]), device: a) }
                let second = Task { try await service.push(PushRequest(events: [earlier]), device: b) }
                while await service.pushes.count < 2 { try await Task.sleep(for: .milliseconds(5)) }
                return (first, second)
            }
            #expect(try await answers.0.value.results.map(\.status) == [.accepted])
            #expect(try await answers.1.value.results.map(\.status) == [.accepted])
            #expect(try await service.store.donor(key: "da")?.mergedInto == "db")
            #expect(try await service.store.donor(key: "db")?.mergedInto == nil)
            #expect(try await service.store.flags().map(\.kind) == ["duplicate_registration"])
            let merged = try await service.store.events(kinds: [EventKind.donorMerged.rawValue])
            #expect(merged.count == 1 && merged.first?.event.donorKey == "da")
            // One commit: the three events sit on one contiguous range.
            #expect(try await service.store.lastSequence() == 3)
            #expect(Set(try await service.store.houses().map(\.lastSyncAt)) == [Int64(ServiceFixture.fixedNow.timeIntervalSince1970)])
        }
    }

    /// Many houses push in groups while others pull: the sequence has no gap, and every puller
    /// sees each event once, in order.
    @Test(arguments: Backend.allCases)
    func readersWhileManyHousesPushSeeNoGapAndNoReordering(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            var devices: [Device] = []
            for h in 0..<12 { devices.append(try await Make.device(service, house: "h\(h)").0) }
            let pushesPerHouse = 4, perPush = 3
            let total = devices.count * pushesPerHouse * perPush
            try await withThrowingTaskGroup(of: [Int64].self) { group in
                for device in devices {
                    group.addTask {
                        for p in 0..<pushesPerHouse {
                            let events = (0..<perPush).map { i in
                                var event = Make.registration("\(device.house)-\(p)-\(i)", house: device.house, device: device.id,
                                                              donor: "\(device.house)-d\(p)-\(i)", idNumber: "P\(device.house.uppercased())X\(p)\(i)000")
                                var payload = event.payload.objectValue!
                                payload["document_type"] = .string("passport")
                                event.payload = .object(payload)
                                return event
                            }
                            let answer = try await service.push(PushRequest(events: events), device: device)
                            #expect(answer.results.allSatisfy { $0.status == .accepted })
                        }
                        return []
                    }
                }
                for device in devices.prefix(3) {
                    group.addTask { try await Make.follow(service, house: device.house, until: total, page: 7, wait: 1) }
                }
                for try await seen in group where !seen.isEmpty {
                    #expect(seen == Array(1...Int64(total)))
                }
            }
            #expect(try await service.store.lastSequence() == Int64(total))
        }
    }
}
