import DonorCore
import KioskStore
import SyncWire
import Testing

/// The centre's verdicts kept for the supervisor: rejections with their reason, review flags of
/// accepted events, and the list the sync-problems screen reads.
@Suite("Events for review")
struct ReviewTests {
    /// A donor registration, a donation and a deferral in the outbox, oldest first.
    func threeEvents(_ store: KioskStore) throws -> (donor: DonorID, events: [EventEnvelope]) {
        let donor = try store.registerDonor(Sample.donor(), author: "1001")
        try store.recordDonation(for: donor, DonationFacts(date: date("2026-05-01"), kind: .wholeBlood, volumeML: 400), author: "2001")
        try store.addDeferral(to: donor, rule: "dental_minor", source: .staff, from: date("2026-05-01"), until: date("2026-05-04"),
                              author: "2001")
        let events = try store.pendingOutbox()
        #expect(events.map(\.kind) == [.donorRegistered, .donationRecorded, .deferralAdded])
        return (donor, events)
    }

    @Test(arguments: StoreKind.allCases)
    func reviewFlagsAreKeptWhenAResendComesBackDuplicateAndAcrossARestart(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        var store = fixture.store
        let (_, events) = try threeEvents(store)
        let donation = events[1].id.rawValue
        try store.acknowledgePush([PushResult(id: donation, status: .accepted, flags: ["interval_conflict", "card_mismatch"])])
        // The acknowledgement was lost, the event was sent again: "duplicate", no flags.
        try store.acknowledgePush([PushResult(id: donation, status: .duplicate)])
        if kind == .onDisk {
            try store.close()
            store = try fixture.reopen()
        }
        let review = try store.eventsForReview()
        #expect(review.map(\.event.id.rawValue) == [donation])
        #expect(review.map(\.verdict) == [.flagged(["interval_conflict", "card_mismatch"])])
        let summary = try store.syncSummary()
        #expect(summary.flagged == 1)
        #expect(summary.rejected == 0)
        #expect(summary.pending == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func theListHoldsRejectedAndFlaggedEventsNewestFirstWithReasonDonorAndAuthor(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let (donor, events) = try threeEvents(store)
        fixture.clock.advance(60_000)
        try store.acknowledgePush([
            PushResult(id: events[0].id.rawValue, status: .rejected),
            PushResult(id: events[1].id.rawValue, status: .accepted, flags: ["interval_conflict"]),
            PushResult(id: events[2].id.rawValue, status: .rejected,
                       reason: WireErrorDetail(code: "unknown_rule", message: "The policy has no deferral rule 'dental_minor'.")),
        ])
        let review = try store.eventsForReview()
        #expect(review.map(\.event.id) == [events[2].id, events[1].id, events[0].id])
        #expect(review.map(\.verdict) == [
            .rejected(code: "unknown_rule", message: "The policy has no deferral rule 'dental_minor'."),
            .flagged(["interval_conflict"]),
            .rejected(code: nil, message: "rejected"),
        ])
        #expect(review.map(\.event.author) == ["2001", "2001", "1001"])
        #expect(review.allSatisfy { $0.donor?.id == donor && $0.donor?.name == "王小明" })
        #expect(review.allSatisfy { $0.answeredMilliseconds == fixture.clock.now })
        #expect(try store.eventsForReview(limit: 1).map(\.event.id) == [events[2].id])
        // The old reading of rejections is unchanged.
        #expect(try store.rejectedOutbox().map(\.reason) == ["rejected", "unknown_rule: The policy has no deferral rule 'dental_minor'."])
        #expect(try store.syncSummary().flagged == 1)
        #expect(try store.syncSummary().rejected == 2)
    }

    @Test(arguments: StoreKind.allCases)
    func acceptedEventsWithoutFlagsAreNotListed(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let (_, events) = try threeEvents(store)
        try store.acknowledgePush(events.map { PushResult(id: $0.id.rawValue, status: .accepted) })
        #expect(try store.eventsForReview().isEmpty)
        #expect(try store.syncSummary().flagged == 0)
    }
}
