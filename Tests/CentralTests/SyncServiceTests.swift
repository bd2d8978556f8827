import Central
import DonorCore
import Foundation
import SyncWire
import Testing

/// Ingest, rules at the centre and pulls, on both stores.
@Suite("Sync service")
struct SyncServiceTests {
    @Test(arguments: Backend.allCases)
    func theSameEventTwiceHasOneEffect(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let batch = PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1"),
                                             Make.donation("g1", house: "h1", device: device.id, donor: "d1", date: "2026-11-01")])
            let first = try await service.push(batch, device: device)
            let second = try await service.push(batch, device: device)
            #expect(first.results.map(\.status) == [.accepted, .accepted])
            #expect(second.results.map(\.status) == [.duplicate, .duplicate])
            #expect(try await service.store.lastSequence() == 2)
        }
    }

    @Test(arguments: Backend.allCases)
    func aRejectedEventIsQuarantinedAndStaysRejected(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let orphan = Make.donation("g1", house: "h1", device: device.id, donor: "nobody", date: "2026-11-01")
            let badVolume = Make.donation("g2", house: "h1", device: device.id, donor: "nobody", date: "2026-11-01", volume: 450)
            let unknownKind = WireEvent(id: "u1", kind: "robot.dance", house: "h1", device: device.id, author: "a",
                                        hlc: Make.hlc(1), donorKey: "d1", payload: .object([:]))
            let answer = try await service.push(PushRequest(events: [orphan, badVolume, unknownKind]), device: device)
            #expect(answer.results.map(\.status) == [.rejected, .rejected, .rejected])
            #expect(answer.results.map { $0.reason?.code } == ["unknown_donor", "unknown_donor", "unknown_kind"])
            let again = try await service.push(PushRequest(events: [orphan]), device: device)
            #expect(again.results.first?.reason?.code == "unknown_donor")
            #expect(try await service.store.quarantined(limit: 10).map(\.eventID).sorted() == ["g1", "g2", "u1"])
            #expect(try await service.store.lastSequence() == 0)
        }
    }

    @Test(arguments: Backend.allCases)
    func theIDNumberIsSealedAtRestAndOpenedForTheHouses(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            let stored = try #require(try await service.store.event(id: "r1")).event.payload.objectValue!
            #expect(stored["id_number"] == nil && stored["name"] == nil && stored["id_number_sealed"] != nil)
            #expect(!(stored.values.flatMap(\.allStrings).contains { $0.contains("34052419800101001X") }))
            let pulled = try await service.changes(house: try #require(try await service.store.house(id: "h1")), after: 0, limit: 10, wait: 0)
            #expect(pulled.events.first?.event.payload.objectValue?["id_number"] == .string("34052419800101001X"))
        }
    }

    @Test(arguments: Backend.allCases)
    func wholeBloodThreeWeeksApartAtTwoHousesIsAcceptedAndFlagged(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (a, _) = try await Make.device(service, house: "a")
            let (b, _) = try await Make.device(service, house: "b")
            _ = try await service.push(PushRequest(events: [
                Make.registration("r1", house: "a", device: a.id, donor: "d1"),
                Make.donation("g1", house: "a", device: a.id, donor: "d1", date: "2026-10-01"),
            ]), device: a)
            // House b saw the donor earlier (its copy came through a pull) and was offline since.
            let answer = try await service.push(PushRequest(events: [Make.donation("g2", house: "b", device: b.id, donor: "d1", date: "2026-10-22")]), device: b)
            #expect(answer.results.first?.status == .accepted)
            #expect(answer.results.first?.flags == ["interval_conflict"])
            let flags = try await service.store.flags()
            #expect(flags.map(\.kind) == ["interval_conflict"])
            #expect(flags.first?.eventIDs == ["don-g1", "don-g2"])
            // A later donation at house a is checked against house b's too.
            let later = try await service.push(PushRequest(events: [Make.donation("g3", house: "a", device: a.id, donor: "d1", date: "2026-11-20")]), device: a)
            #expect(later.results.first?.flags == ["interval_conflict"])
        }
    }

    @Test(arguments: Backend.allCases)
    func theSameDonorRegisteredAtTwoHousesIsMergedIntoTheEarliest(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (a, _) = try await Make.device(service, house: "a")
            let (b, _) = try await Make.device(service, house: "b")
            // b's registration is later in time but arrives first.
            _ = try await service.push(PushRequest(events: [Make.registration("rb", house: "b", device: b.id, donor: "kb", hlc: Make.hlc(2_000, b.id))]), device: b)
            let answer = try await service.push(PushRequest(events: [Make.registration("ra", house: "a", device: a.id, donor: "ka", hlc: Make.hlc(1_000, a.id))]), device: a)
            #expect(answer.results.first?.flags == ["duplicate_registration"])
            #expect(try await service.store.donor(key: "kb")?.mergedInto == "ka")
            #expect(try await service.store.donor(key: "ka")?.mergedInto == nil)
            let merges = try await service.store.events(kinds: [EventKind.donorMerged.rawValue])
            let payload = try WireCoding.decode(DonorMergedPayload.self, from: try #require(merges.first).event.payload)
            #expect(payload.source == "kb" && payload.target == "ka" && merges.first?.event.donorKey == "kb")
            #expect(merges.first?.event.house == "central")
            // A donation under the losing key counts for the survivor.
            _ = try await service.push(PushRequest(events: [Make.donation("g1", house: "b", device: b.id, donor: "kb", date: "2026-11-01")]), device: b)
            #expect(try await service.stats().donors == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func aLabDeferralIsPublishedToEveryHouseAndABadImportPublishesNothing(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (a, _) = try await Make.device(service, house: "a")
            _ = try await Make.device(service, house: "b")
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "a", device: a.id, donor: "d1")]), device: a)
            let rule = try #require(ServiceFixture.policy.deferralRules.first).id
            try await service.addLabDeferral(.init(idNumber: "34052419800101001x", rule: rule, from: service.today, until: nil))
            let bad = "id_number,rule,from,until\n34052419800101001X,\(rule),,\n11010519491231002X,\(rule),,\n"
            let result = try await service.importLabDeferrals(csv: bad)
            #expect(result.published == 0 && result.problems == ["line 3: No donor with this ID number is in the registry."])
            for house in ["a", "b"] {
                let page = try await service.changes(house: try #require(try await service.store.house(id: house)), after: 0, limit: 10, wait: 0)
                let deferrals = page.events.filter { $0.event.kind == EventKind.deferralAdded.rawValue }
                #expect(deferrals.count == 1)
                #expect(deferrals.first?.event.donorKey == "d1")
                let payload = try WireCoding.decode(DeferralAddedPayload.self, from: try #require(deferrals.first).event.payload)
                #expect(payload.deferral.source == .lab && payload.deferral.rule == rule && payload.donor == "d1")
            }
            let good = try await service.importLabDeferrals(csv: "id_number,rule,from,until\n34052419800101001X,\(rule),2026-11-01,2026-12-01\n")
            #expect(good.published == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func aLongPollReturnsAsSoonAsSomethingArrives(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let house = try #require(try await service.store.house(id: "h1"))
            let started = ContinuousClock.now
            async let pulled = service.changes(house: house, after: 0, limit: 10, wait: 60)
            try await Task.sleep(for: .milliseconds(300))
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            let page = try await pulled
            #expect(page.events.map(\.event.id) == ["r1"])
            // Well before the 60-s wait ends (a loaded machine has taken 15 s to commit the push).
            #expect(started.duration(to: .now) < .seconds(40))
            let empty = try await service.changes(house: house, after: 1, limit: 10, wait: 1)
            #expect(empty.events.isEmpty && empty.cursor == "1")
        }
    }

    /// Several houses push at once while every house follows with long-polls: each puller sees
    /// every shared event exactly once, in strictly increasing sequence order.
    @Test(arguments: Backend.allCases)
    func concurrentPushesAndPullsSeeEverythingInOrder(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let houses = ["h1", "h2", "h3", "h4"]
            var devices: [Device] = []
            for house in houses { devices.append(try await Make.device(service, house: house).0) }
            let perHouse = 15, total = houses.count * perHouse
            let allDevices = devices
            try await withThrowingTaskGroup(of: [Int64].self) { group in
                for device in allDevices {
                    group.addTask {
                        try await Make.follow(service, house: device.house, until: total, page: 4, wait: 2)
                    }
                    group.addTask {
                        for i in 0..<perHouse {
                            let event = Make.registration("\(device.house)-\(i)", house: device.house, device: device.id,
                                                          donor: "\(device.house)-d\(i)", idNumber: "P\(device.house.uppercased())X\(i)000")
                            var passport = event
                            var payload = passport.payload.objectValue!
                            payload["document_type"] = .string("passport")
                            passport.payload = .object(payload)
                            let answer = try await service.push(PushRequest(events: [passport]), device: device)
                            #expect(answer.results.first?.status == .accepted)
                        }
                        return []
                    }
                }
                for try await seen in group where !seen.isEmpty {
                    #expect(seen == Array(1...Int64(total)))
                }
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func theSnapshotPagesUpToAFixedPoint(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let events = (0..<5).map { Make.registration("r\($0)", house: "h1", device: device.id, donor: "d\($0)", idNumber: "PASS\($0)0000") }
                .map { e -> WireEvent in
                    var e = e
                    var p = e.payload.objectValue!
                    p["document_type"] = .string("passport")
                    e.payload = .object(p)
                    return e
                }
            _ = try await service.push(PushRequest(events: events), device: device)
            let house = try #require(try await service.store.house(id: "h1"))
            let first = try await service.snapshot(house: house, after: 0, upto: nil, limit: 3)
            #expect(first.events.count == 3 && first.hasMore && first.upto == "5")
            _ = try await service.push(PushRequest(events: [Make.registration("late", house: "h1", device: device.id, donor: "dl")]), device: device)
            let second = try await service.snapshot(house: house, after: Int64(first.cursor)!, upto: Int64(first.upto)!, limit: 3)
            #expect(second.events.map(\.seq) == [4, 5] && !second.hasMore)
        }
    }

    @Test(arguments: Backend.allCases)
    func anActivationTheEventsDoNotSupportIsAcceptedAndFlagged(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            _ = try await service.push(PushRequest(events: [
                Make.registration("r1", house: "h1", device: device.id, donor: "d1"),
                Make.donation("g1", house: "h1", device: device.id, donor: "d1", date: "2026-11-01"),
            ]), device: device)
            func activation(_ id: String, _ card: CardKind, _ tier: String, _ until: String?) -> WireEvent {
                Make.event(id, .cardActivated, house: "h1", device: device.id, donor: "d1", CardActivatedPayload(
                    donor: "d1", card: card, date: LocalDate(iso: "2026-11-01")!, validThrough: until.flatMap { LocalDate(iso: $0) },
                    tier: tier, policy: "taiyuan@2026.06"))
            }
            let answer = try await service.push(PushRequest(events: [
                activation("c1", .annual, "blue", "2027-10-31"), activation("c2", .honour, "gold", nil),
            ]), device: device)
            #expect(answer.results.map(\.status) == [.accepted, .accepted])
            #expect(answer.results.map(\.flags) == [[], ["card_mismatch"]])
            let stats = try await service.stats()
            #expect(stats.certificatesInForce == ["annual": ["blue": 1]])
            #expect(stats.donations.count == 1 && stats.donations.volumeML == 400)
        }
    }

    /// Corrections, voids and a supervisor's merge and unmerge at a house, recomputed into the
    /// centre's figures.
    @Test(arguments: Backend.allCases)
    func correctionsVoidsMergesAndUnmergesAreFoldedFromEvents(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            let d = device.id
            func push(_ events: [WireEvent]) async throws -> [PushResult] { try await service.push(PushRequest(events: events), device: device).results }
            let facts300 = DonationFacts(date: LocalDate(iso: "2026-05-01")!, kind: .wholeBlood, volumeML: 300)
            let setUp = try await push([
                Make.registration("r1", house: "h1", device: d, donor: "d1"),
                Make.registration("r2", house: "h1", device: d, donor: "d2", idNumber: "140105198506150036"),
                Make.donation("g1", house: "h1", device: d, donor: "d1", date: "2026-01-10"),
                Make.donation("g2", house: "h1", device: d, donor: "d2", date: "2026-03-01", volume: 200),
                Make.event("c1", .donationCorrected, house: "h1", device: d, donor: "d1",
                           DonationCorrectedPayload(donation: "don-g1", donor: "d1", facts: facts300, reason: "typo")),
                Make.event("v1", .donationVoided, house: "h1", device: d, donor: "d1",
                           DonationVoidedPayload(donation: "don-missing", donor: "d1", reason: "x")),
            ])
            #expect(setUp.map(\.status) == [.accepted, .accepted, .accepted, .accepted, .accepted, .rejected])
            var stats = try await service.stats()
            #expect(stats.donors == 2 && stats.donations.volumeML == 500)
            let merge = Make.event("m1", .donorMerged, house: "h1", device: d, donor: "d2", DonorMergedPayload(source: "d2", target: "d1", reason: "same person"))
            #expect(try await push([merge]).map(\.status) == [.accepted])
            #expect(try await service.store.donor(key: "d2")?.mergedInto == "d1")
            stats = try await service.stats()
            #expect(stats.donors == 1)
            let unmerge = Make.event("u1", .donorUnmerged, house: "h1", device: d, donor: "d2",
                                     DonorUnmergedPayload(merge: "m1", source: "d2", target: "d1", reason: "twins"))
            let void = Make.event("v2", .donationVoided, house: "h1", device: d, donor: "d2", DonationVoidedPayload(donation: "don-g2", donor: "d2", reason: "bag burst"))
            #expect(try await push([unmerge, void]).map(\.status) == [.accepted, .accepted])
            #expect(try await service.store.donor(key: "d2")?.mergedInto == nil)
            stats = try await service.stats()
            #expect(stats.donors == 2 && stats.donations.count == 1 && stats.donations.volumeML == 300)
        }
    }
}
