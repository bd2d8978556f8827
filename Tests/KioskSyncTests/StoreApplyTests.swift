import DonorCore
import Foundation
@testable import KioskStore
import KioskSync
import KioskTestSupport
import SyncWire
import Testing

/// `KioskStore.apply(_:position:)`: the centre's pages on a real SQLite file.
@Suite("Applying the centre's pages")
struct StoreApplyTests {
    static let policy: Policy = try! PolicyLoader.load(
        path: ProductBinary.packageRoot.appendingPathComponent("assets/policy/taiyuan.toml").path)

    @Test func theSamePageAppliedTwiceChangesNothing() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        var house2 = RemoteHouse(house: "house-2")
        let events = page([
            try house2.register("r-1", idNumber: "340524198506010031"),
            try house2.donation("g-1", donor: "r-1", on: "2026-05-01", bag: "B-1"),
        ])
        let first = try await store.apply(events, position: SyncPosition(cursor: "2"))
        #expect(first == AppliedPage(appliedCount: 2, changedDonors: ["r-1"]))
        let counts = try store.counts()
        let audit = try store.audit(limit: 1000)
        let again = try await store.apply(events, position: SyncPosition(cursor: "2"))
        #expect(again == AppliedPage(appliedCount: 0, changedDonors: []))
        #expect(try store.counts() == counts)
        #expect(try store.audit(limit: 1000) == audit)
        #expect(try store.history(of: DonorID("r-1")).map(\.id) == ["g-1"])
        #expect(counts == StoreCounts(donors: 1, donations: 1, deferrals: 0, events: 2, pendingOutbox: 0))
    }

    /// A page prepared ahead (read, checked and sealed while the page before was written) is
    /// written exactly as the same page applied straight; a malformed one fails in `prepare`,
    /// before anything is written.
    @Test func aPreparedPageIsWrittenAsThePageItself() async throws {
        var house2 = RemoteHouse(house: "house-2")
        let events = page([
            try house2.register("r-1", idNumber: "340524198506010031"),
            try house2.donation("g-1", donor: "r-1", on: "2026-05-01", bag: "B-1"),
        ])
        let straight = try SyncFixture(), ahead = try SyncFixture()
        let applied = try await straight.store.apply(events, position: SyncPosition(cursor: "2"))
        let prepared = try await ahead.store.prepare(events)
        #expect(prepared.work is RemotePage)
        #expect(try await ahead.store.apply(prepared, position: SyncPosition(cursor: "2")) == applied)
        #expect(try ahead.store.counts() == straight.store.counts())
        #expect(try ahead.store.events(of: DonorID("r-1")) == straight.store.events(of: DonorID("r-1")))
        #expect(try await ahead.store.position() == SyncPosition(cursor: "2"))

        var broken = events
        broken[1].event.hlc = "yesterday"
        let fresh = try SyncFixture()
        await #expect(throws: StoreError.self) { _ = try await fresh.store.prepare(broken) }
        #expect(try fresh.store.counts().events == 0)
    }

    /// A registration's donor row (sealed numbers, blind indexes) is made with the page ahead
    /// of the write. One that cannot be made (an unknown blood type) fails the page only when
    /// the donor is new here, as applying straight does; for a donor already held it is
    /// skipped like any repeat registration.
    @Test func aRegistrationsRowIsMadeAheadAndABadOneFailsOnlyForANewDonor() async throws {
        var house2 = RemoteHouse(house: "house-2")
        let registration = try house2.register("r-1", idNumber: " 34052419850601003x ")
        let fixture = try SyncFixture()
        let prepared = try await fixture.store.prepare(page([registration]))
        let ahead = try #require((prepared.work as? RemotePage)?.events.first?.donorRow)
        #expect(ahead.payload.idNumber == "34052419850601003X")
        _ = try await fixture.store.apply(prepared, position: SyncPosition(cursor: "1"))
        #expect(try fixture.store.donor(idNumber: "34052419850601003X")?.id == DonorID("r-1"))
        #expect(try fixture.store.donors(phone: "138 0000 1111").map(\.id) == [DonorID("r-1")])

        func badBlood(_ donor: String, id: String) throws -> WireEvent {
            var event = try house2.register(donor, idNumber: "110105199002150023")
            var members = try #require(event.payload.objectValue)
            members["blood_type"] = .string("Q+")
            event.payload = .object(members)
            event.id = id
            return event
        }
        let again = try await fixture.store.prepare(page([try badBlood("r-1", id: "again")], from: 2))
        #expect((again.work as? RemotePage)?.events.first?.donorRow == nil)
        #expect(try await fixture.store.apply(again, position: SyncPosition(cursor: "2")).appliedCount == 1)
        let before = try fixture.store.counts()
        for apply in [true, false] {
            let events = page([try badBlood("r-2", id: "new-\(apply)")], from: 3)
            await #expect(throws: StoreError.self) {
                if apply { _ = try await fixture.store.apply(events, position: SyncPosition(cursor: "3")) } else {
                    _ = try await fixture.store.apply(try await fixture.store.prepare(events), position: SyncPosition(cursor: "3"))
                }
            }
        }
        #expect(try fixture.store.counts() == before)
        #expect(try await fixture.store.position() == SyncPosition(cursor: "2"))
    }

    /// The log keeps a pulled payload as the centre sent it (a key this kiosk does not know
    /// stays), with `donor` filled in where the wire left it to `donor_key`, so reading the log
    /// back gives the same event the page was applied from.
    @Test func aPulledPayloadIsLoggedWithItsDonorFilledInAndReadsBackTheSame() async throws {
        let fixture = try SyncFixture()
        var house2 = RemoteHouse(house: "house-2")
        let registration = try house2.register("r-1", idNumber: "340524198506010031")
        var donation = try house2.donation("g-1", donor: "r-1", on: "2026-05-01", bag: "B-1")
        var members = try #require(donation.payload.objectValue)
        members["donor"] = nil
        members["from_a_newer_centre"] = .string("kept")
        donation.payload = .object(members)
        _ = try await fixture.store.apply(page([registration, donation]), position: SyncPosition(cursor: "2"))

        let logged = try fixture.store.events(of: DonorID("r-1"))
        #expect(logged.map(\.id.rawValue) == [registration.id, "g-1"])
        #expect(logged.map { $0.payload.donorKey } == [DonorID("r-1"), DonorID("r-1")])
        #expect(logged[1] == (try EventEnvelope(wire: donation)))
        #expect(logged[0] == (try EventEnvelope(wire: registration)))
        var logRow = KioskStore.logPayload(donation, try EventEnvelope(wire: donation))
        let text = String(decoding: logRow, as: UTF8.self)
        #expect(text.contains(#""donor":"r-1""#))
        #expect(text.contains(#""from_a_newer_centre":"kept""#))
        logRow = KioskStore.logPayload(registration, try EventEnvelope(wire: registration))
        #expect(try JSONValue(parsing: logRow) == registration.payload)
    }

    /// Bootstrap pages commit without an fsync (`writeSnapshotPage`): each is still all or
    /// nothing with its position, and the store's ordinary writes after them still commit.
    @Test func bootstrapPagesCommitWithTheirPositionAndAFailedOneWritesNothing() async throws {
        let fixture = try SyncFixture()
        var house2 = RemoteHouse(house: "house-2")
        let first = SyncPosition(snapshot: SnapshotProgress(upto: "4", after: "2", applied: 2))
        _ = try await fixture.store.apply(page([try house2.register("r-1", idNumber: "340524198506010031"),
                                                try house2.donation("g-1", donor: "r-1", on: "2026-05-01")]), position: first)
        var malformed = try house2.donation("g-2", donor: "r-1", on: "2026-09-01")
        malformed.payload = .object(["donation": .string("g-2")])
        await #expect(throws: StoreError.self) {
            _ = try await fixture.store.apply(page([try house2.register("r-2", idNumber: "340524198506010031"), malformed], from: 3),
                                              position: SyncPosition(cursor: "4"))
        }
        let local = try localDonor(fixture.store)
        try fixture.store.close()

        let reopened = try KioskStore.open(directory: fixture.dataDirectory, keyFile: fixture.keyFile, deviceName: "house-1")
        #expect(try await reopened.position() == first)
        #expect(try reopened.counts() == StoreCounts(donors: 2, donations: 1, deferrals: 0, events: 3, pendingOutbox: 1))
        #expect(try reopened.donor(id: local) != nil)
        #expect(try reopened.history(of: DonorID("r-1")).map(\.id) == ["g-1"])
    }

    @Test func aPageWithOneMalformedEventWritesNothingAndKeepsTheCursor() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        var house2 = RemoteHouse(house: "house-2")
        _ = try await store.apply(page([try house2.register("r-1", idNumber: "340524198506010031")]), position: SyncPosition(cursor: "1"))
        let before = try store.counts()
        let clock = try store.lastClockTime()
        var broken = try house2.donation("g-2", donor: "r-1", on: "2026-05-01")
        broken.payload = .object(["donation": .string("g-2"), "facts": .object(["kind": .string("whole_blood")])])
        let good = try house2.donation("g-1", donor: "r-1", on: "2026-05-01")
        await #expect(throws: StoreError.self) {
            try await store.apply(page([good, broken], from: 2), position: SyncPosition(cursor: "3"))
        }
        #expect(try store.counts() == before)
        #expect(try store.history(of: DonorID("r-1")).isEmpty)
        #expect(try await store.position() == SyncPosition(cursor: "1"))
        #expect(try store.lastClockTime() == clock)
        // A row the schema refuses (an empty name) fails the page the same way.
        var nameless = try house2.register("r-2", idNumber: "110105199002150023", name: "")
        nameless.id = "nameless"
        await #expect(throws: StoreError.self) {
            try await store.apply(page([good, nameless], from: 2), position: SyncPosition(cursor: "3"))
        }
        #expect(try store.counts() == before)
        #expect(try await store.position() == SyncPosition(cursor: "1"))
    }

    @Test func aWholeBloodDonationAtAnotherHouseRefusesWholeBloodHereUntilTheRightDate() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let donor = try localDonor(store)
        var house2 = RemoteHouse(house: "house-2")
        let result = try await store.apply(page([try house2.donation("g-1", donor: donor.rawValue, on: "2026-08-31")]),
                                           position: SyncPosition(cursor: "1"))
        #expect(result.changedDonors == [donor.rawValue])
        let file = try store.file(of: donor)
        let decision = EligibilityEngine.decide(file.eligibilityInput(procedure: .wholeBlood, date: day("2026-11-01")),
                                                policy: Self.policy)
        #expect(decision.status == .ineligible)
        // Six calendar months, clamped to the month's end (DOMAIN.md §5).
        #expect(decision.nextPossible[.wholeBlood] == day("2027-02-28"))
    }

    @Test func aLabDeferralFromTheCentreShowsUp() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let donor = try localDonor(store)
        var centre = RemoteHouse(house: EventKind.centralHouse, device: EventKind.centralHouse)
        let deferral = Deferral(id: "lab-1", rule: "hbv_positive", source: .lab, from: day("2026-05-02"), until: nil)
        let event = try centre.event(.deferralAdded(DeferralAddedPayload(donor: donor.rawValue, deferral: deferral)), author: "lab")
        let result = try await store.apply(page([event]), position: SyncPosition(cursor: "1"))
        #expect(result == AppliedPage(appliedCount: 1, changedDonors: [donor.rawValue]))
        #expect(try store.deferrals(of: donor) == [deferral])
        let decision = EligibilityEngine.decide(try store.file(of: donor).eligibilityInput(procedure: .wholeBlood, date: day("2026-06-01")),
                                                policy: Self.policy)
        #expect(decision.status == .ineligible)
        #expect(decision.nextPossible[.wholeBlood] == nil)
        // The lab's retest lifts it.
        let lift = try centre.event(.deferralLifted(DeferralLiftedPayload(donor: donor.rawValue, deferral: "lab-1", reason: "retest")),
                                    author: "lab")
        _ = try await store.apply(page([lift], from: 2), position: SyncPosition(cursor: "2"))
        #expect(try store.deferrals(of: donor).map(\.lifted) == [true])
    }

    @Test func theSameIDNumberAtTwoHousesStaysTwoRecordsUntilTheCentresMergeJoinsThem() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let local = try localDonor(store)
        let mine = try store.recordDonation(for: local, DonationFacts(date: day("2026-01-10"), kind: .platelets, doses: 1), author: "n1")
        var house2 = RemoteHouse(house: "house-2")
        _ = try await store.apply(page([
            try house2.register("r-1", idNumber: "110105199002150023"),
            try house2.donation("g-1", donor: "r-1", on: "2026-03-01"),
        ]), position: SyncPosition(cursor: "2"))
        #expect(try store.counts().donors == 2)
        #expect(try store.history(of: local).map(\.id) == [mine.id])
        var centre = RemoteHouse(house: EventKind.centralHouse, device: EventKind.centralHouse)
        let merge = try centre.event(.donorMerged(DonorMergedPayload(source: "r-1", target: local.rawValue, reason: "same ID number")),
                                     author: "central")
        let result = try await store.apply(page([merge], from: 3), position: SyncPosition(cursor: "3"))
        #expect(result.changedDonors == ["r-1", local.rawValue])
        #expect(try store.history(of: local).map(\.id) == [mine.id, "g-1"])
        #expect(try store.history(of: DonorID("r-1")).map(\.id) == [mine.id, "g-1"])
        #expect(try store.donor(id: DonorID("r-1"))?.mergedInto == local)
        #expect(try store.donor(idNumber: "110105199002150023")?.id == local)
    }

    @Test func aBagNumberUsedAtAnotherHouseIsRefusedHere() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let donor = try localDonor(store)
        var house2 = RemoteHouse(house: "house-2")
        _ = try await store.apply(page([
            try house2.register("r-1", idNumber: "340524198506010031"),
            try house2.donation("g-1", donor: "r-1", on: "2026-05-01", bag: "BAG-777"),
        ]), position: SyncPosition(cursor: "2"))
        let error = #expect(throws: StoreError.self) {
            try store.recordDonation(for: donor, DonationFacts(date: day("2026-05-02"), kind: .wholeBlood, volumeML: 400,
                                                               bagNumber: "BAG-777"), author: "n1")
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.field == "bag_number")
        #expect(try store.history(of: donor).isEmpty)
    }

    @Test func ownEventsComingBackFromTheCentreAreNotDoubled() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let donor = try localDonor(store)
        try store.recordDonation(for: donor, DonationFacts(date: day("2026-05-01"), kind: .wholeBlood, volumeML: 400, bagNumber: "B1"),
                                 author: "n1")
        let pushed = try await store.pendingEvents(limit: 10)
        #expect(pushed.map(\.house) == ["house-1", "house-1"])
        try await store.acknowledge(pushed.map { PushResult(id: $0.id, status: .accepted) })
        let before = try store.counts()
        let result = try await store.apply(page(pushed), position: SyncPosition(cursor: "2"))
        #expect(result == AppliedPage(appliedCount: 0, changedDonors: []))
        #expect(try store.counts() == before)
        #expect(try store.history(of: donor).count == 1)
        #expect(try await store.position() == SyncPosition(cursor: "2"))
    }

    @Test func aKindTheKioskDoesNotKnowIsKeptWithoutFailingThePage() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        var house2 = RemoteHouse(house: "house-2")
        let unknown = WireEvent(id: "x-1", kind: "donor.photo", house: "house-2", device: "house-2-kiosk", author: "v9",
                                hlc: "000001780000900000-00000-house-2-kiosk", donorKey: "r-1",
                                payload: .object(["jpeg": .string("…")]))
        let result = try await store.apply(page([try house2.register("r-1", idNumber: "340524198506010031"), unknown]),
                                           position: SyncPosition(cursor: "2"))
        #expect(result.appliedCount == 2)
        #expect(try store.counts().events == 2)
        #expect(try store.events(of: DonorID("r-1")).map(\.kind) == [.donorRegistered])
        // The centre's clock came in: the next local event orders after it.
        #expect(try store.lastClockTime().milliseconds == 1_780_000_900_000)
    }
}
