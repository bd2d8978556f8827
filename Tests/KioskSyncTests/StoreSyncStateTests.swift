import DonorCore
import Foundation
import KioskStore
import KioskSync
import SyncWire
import Testing

/// The outbox as the engine sees it, profile edits from two houses, and the bookkeeping that
/// `kiosk status` shows.
@Suite("Outbox, profile edits and sync state")
struct StoreSyncStateTests {
    @Test func pushAnswersEmptyTheQueueAndKeepRejectedEventsWithTheirReason() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let donor = try localDonor(store)
        try store.recordDonation(for: donor, DonationFacts(date: day("2026-05-01"), kind: .wholeBlood, volumeML: 400), author: "n1")
        try store.addDeferral(to: donor, rule: "dental_minor", source: .staff, from: day("2026-05-01"), until: day("2026-05-04"),
                              author: "n1")
        #expect(try await store.pendingCount() == 3)
        let pending = try await store.pendingEvents(limit: 2)
        #expect(pending.map(\.kind) == ["donor.registered", "donation.recorded"])
        #expect(pending.allSatisfy { $0.house == "house-1" && $0.device == store.deviceID && $0.donorKey == donor.rawValue })
        let all = try await store.pendingEvents(limit: 10)
        try await store.acknowledge([
            PushResult(id: all[0].id, status: .accepted),
            PushResult(id: all[1].id, status: .duplicate),
            PushResult(id: all[2].id, status: .rejected, reason: WireErrorDetail(code: "unknown_rule", message: "No such rule.")),
        ])
        #expect(try await store.pendingCount() == 0)
        #expect(try await store.pendingEvents(limit: 10).isEmpty)
        let rejected = try store.rejectedOutbox()
        #expect(rejected.map(\.event.id.rawValue) == [all[2].id])
        #expect(rejected.map(\.reason) == ["unknown_rule: No such rule."])
        let summary = try store.syncSummary()
        #expect(summary.pending == 0)
        #expect(summary.rejected == 1)
        #expect(summary.lastPushMilliseconds == fixture.now)
        // The rejected event is still in the log and the projections.
        #expect(try store.deferrals(of: donor).count == 1)
    }

    @Test func profileEditsFromTwoHousesKeepTheLaterValuePerFieldAndAuditTheLoser() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        let donor = try localDonor(store)
        var house2 = RemoteHouse(house: "house-2", milliseconds: 1_780_000_100_000)
        var house3 = RemoteHouse(house: "house-3", milliseconds: 1_780_000_200_000)
        let early = try house2.event(.donorUpdated(DonorUpdatedPayload(donor: donor.rawValue, name: "王芳二", bloodType: "B+")),
                                     author: "v2")
        let late = try house3.event(.donorUpdated(DonorUpdatedPayload(donor: donor.rawValue, name: "王芳三", phone: "13700000000")),
                                    author: "v3")
        // The later edit arrives first; the earlier one then loses the name but wins the blood type.
        let first = try await store.apply(page([late]), position: SyncPosition(cursor: "1"))
        #expect(first.changedDonors == [donor.rawValue])
        let second = try await store.apply(page([early], from: 2), position: SyncPosition(cursor: "2"))
        #expect(second.changedDonors == [donor.rawValue])
        let stored = try #require(try store.donor(id: donor))
        #expect(stored.name == "王芳三")
        #expect(stored.phone == "13700000000")
        #expect(stored.bloodType == BloodType("B+"))
        #expect(try store.donors(phone: "13700000000").map(\.id) == [donor])
        let lost = try store.audit(action: "donor.updated.lost")
        #expect(lost.count == 4)
        let details = lost.compactMap(\.detail)
        // Newest first: the early edit's name lost to the late one; the blood type it replaced.
        #expect(details[0].hasPrefix("field=blood_type lost=A+ "))
        #expect(details[1].hasPrefix("field=name lost=王芳二 lost_hlc=\(early.hlc) kept_hlc=\(late.hlc) "))
        #expect(details[2].hasPrefix("field=phone lost=sealed:"))
        #expect(!details[2].contains("13912345678"))
        #expect(details[3].hasPrefix("field=name lost=王芳 "))
        #expect(Set(lost.map(\.subject)) == [donor.rawValue])
    }

    @Test func thePositionAndTheStatusBookkeepingSurviveARestart() async throws {
        let fixture = try SyncFixture()
        let store = fixture.store
        #expect(try await store.position() == SyncPosition())
        let bootstrapping = SyncPosition(cursor: nil, snapshot: SnapshotProgress(upto: "900", after: "500", applied: 500))
        _ = try await store.apply([], position: bootstrapping)
        #expect(try await store.position() == bootstrapping)
        try store.recordSyncError("the centre cannot be reached")
        #expect(try store.syncSummary().lastError == "the centre cannot be reached")
        _ = try await store.apply([], position: SyncPosition(cursor: "900"))
        try store.close()
        let reopened = try KioskStore.open(directory: fixture.dataDirectory, keyFile: fixture.keyFile, deviceName: "house-1")
        #expect(try await reopened.position() == SyncPosition(cursor: "900"))
        let summary = try reopened.syncSummary()
        #expect(summary.mark == PullMark(cursor: "900"))
        #expect(summary.lastPullMilliseconds == fixture.now)
        #expect(summary.lastError == nil)
        #expect(summary.lastPushMilliseconds == nil)
    }
}
