import Foundation
import KioskStore
import SyncWire
import Testing

@Suite("Hybrid logical clock")
struct HLCTests {
    @Test func tickUsesWallClockWhenItMovesForward() {
        var clock = HybridLogicalClock(device: "d1")
        #expect(clock.tick(now: 1000) == HLCTimestamp(milliseconds: 1000, counter: 0, device: "d1"))
        #expect(clock.tick(now: 1000) == HLCTimestamp(milliseconds: 1000, counter: 1, device: "d1"))
        #expect(clock.tick(now: 2000) == HLCTimestamp(milliseconds: 2000, counter: 0, device: "d1"))
    }

    @Test func tickNeverGoesBackWhenWallClockIsSetBack() {
        var clock = HybridLogicalClock(device: "d1")
        _ = clock.tick(now: 10_000)
        #expect(clock.tick(now: 5_000) == HLCTimestamp(milliseconds: 10_000, counter: 1, device: "d1"))
        #expect(clock.tick(now: 5_001) == HLCTimestamp(milliseconds: 10_000, counter: 2, device: "d1"))
    }

    @Test func receiveMovesPastARemoteTimeAhead() {
        var clock = HybridLogicalClock(device: "d1")
        _ = clock.tick(now: 1000)
        clock.receive(HLCTimestamp(milliseconds: 9000, counter: 4, device: "d2"), now: 1001)
        #expect(clock.last == HLCTimestamp(milliseconds: 9000, counter: 5, device: "d1"))
        #expect(clock.tick(now: 1002) == HLCTimestamp(milliseconds: 9000, counter: 6, device: "d1"))
    }

    @Test func textFormSortsLikeValues() {
        let a = HLCTimestamp(milliseconds: 999, counter: 10, device: "b")
        let b = HLCTimestamp(milliseconds: 1000, counter: 2, device: "a")
        #expect(a < b)
        #expect(a.description < b.description)
        #expect(a.description == "000000000000000999-00010-b")
        #expect(HLCTimestamp(b.description) == b)
        #expect(HLCTimestamp("x-1-a") == nil)
    }

    @Test func storeClockIsMonotonicAcrossRestartAndClockSetBackThreeHours() throws {
        let clock = TestClock(1_780_000_000_000)
        let fixture = try Fixture(.onDisk, clock: clock)
        let donor = try fixture.store.registerDonor(Sample.donor(), author: "n1")
        try fixture.store.recordDonation(for: donor, DonationFacts(date: date("2026-05-01"), kind: .wholeBlood, volumeML: 400), author: "n1")
        let before = try fixture.store.lastClockTime()
        #expect(before == HLCTimestamp(milliseconds: 1_780_000_000_000, counter: 1, device: fixture.store.deviceID))

        // Restart with the wall clock set back three hours.
        let setBack = TestClock(1_780_000_000_000 - 3 * 3_600_000)
        let reopened = try fixture.reopen(clock: setBack)
        #expect(reopened.deviceID == fixture.store.deviceID)
        #expect(try reopened.lastClockTime() == before)
        try reopened.recordDonation(for: donor, DonationFacts(date: date("2026-05-02"), kind: .wholeBlood, volumeML: 400), author: "n1")
        let after = try reopened.events(of: donor).map(\.hlc)
        #expect(after.count == 3)
        #expect(after == after.sorted())
        #expect(after.last == HLCTimestamp(milliseconds: 1_780_000_000_000, counter: 2, device: fixture.store.deviceID))
    }

    @Test(arguments: StoreKind.allCases)
    func receivedRemoteTimeOrdersLaterEventsAfterIt(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let remote = HLCTimestamp(milliseconds: fixture.clock.now + 60_000, counter: 7, device: "central")
        try fixture.store.receive(remote: remote)
        let donor = try fixture.store.registerDonor(Sample.donor(), author: "n1")
        let event = try #require(try fixture.store.events(of: donor).first)
        #expect(event.hlc == HLCTimestamp(milliseconds: remote.milliseconds, counter: 9, device: fixture.store.deviceID))
    }
}
