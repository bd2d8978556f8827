import DonorCore
import Foundation
@testable import KioskStore
import Synchronization
import SyncWire
import Testing

@Suite("Donations: record, correct, void")
struct DonationTests {
    static let may1 = DonationFacts(date: date("2026-05-01"), kind: .wholeBlood, volumeML: 400, bagNumber: "BAG0001")

    @Test(arguments: StoreKind.allCases)
    func recordedDonationReadsBackAsDonorCoreValue(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        let reaction = AdverseReaction(category: .vasovagal, severity: .mild)
        var facts = Self.may1
        facts.reaction = reaction
        let donation = try store.recordDonation(for: donor, facts, author: "n7")
        #expect(try store.history(of: donor) == [
            Donation(id: donation.id, date: date("2026-05-01"), kind: .wholeBlood, volumeML: 400, reaction: reaction),
        ])
        #expect(try store.bagNumber(ofDonation: donation.id) == "BAG0001")
        let events = try store.events(of: donor)
        #expect(events.map(\.kind) == [.donorRegistered, .donationRecorded])
        #expect(events[1].id.rawValue == donation.id)
        #expect(events[1].payload == .donationRecorded(DonationRecordedPayload(donation: donation.id, donor: donor.rawValue, facts: facts)))
        #expect(try store.audit(actor: "n7").map(\.action) == ["donation.recorded"])
    }

    @Test(arguments: StoreKind.allCases)
    func reusedBagNumberIsRefusedAndNothingIsWritten(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        try store.recordDonation(for: donor, Self.may1, author: "n7")
        let before = try store.counts()
        let error = #expect(throws: StoreError.self) { try store.recordDonation(for: donor, Self.may1, author: "n7") }
        #expect(error?.code == .invalidInput)
        #expect(error?.field == "bag_number")
        #expect(try store.counts() == before)
    }

    @Test(arguments: StoreKind.allCases)
    func voidKeepsTheDonationMarkedAndAppendsAnEvent(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        let donation = try store.recordDonation(for: donor, Self.may1, author: "n7")
        try store.voidDonation(donation.id, reason: "wrong donor", author: "s1")
        let history = try store.history(of: donor)
        #expect(history.map(\.voided) == [true])
        #expect(try store.events(of: donor).map(\.kind) == [.donorRegistered, .donationRecorded, .donationVoided])
        #expect(try store.pendingOutbox().last?.payload
                == .donationVoided(DonationVoidedPayload(donation: donation.id, donor: donor.rawValue, reason: "wrong donor")))
        let error = #expect(throws: StoreError.self) { try store.voidDonation(donation.id, reason: "  ", author: "s1") }
        #expect(error?.field == "reason")
        let twice = #expect(throws: StoreError.self) { try store.voidDonation(donation.id, reason: "again", author: "s1") }
        #expect(twice?.code == .conflict)
    }

    @Test(arguments: StoreKind.allCases)
    func correctionReplacesFactsUnderTheSameID(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        let donation = try store.recordDonation(for: donor, Self.may1, author: "n7")
        let fixed = DonationFacts(date: date("2026-05-01"), kind: .wholeBlood, volumeML: 300, outcome: .lowVolume, bagNumber: "BAG0001")
        let corrected = try store.correctDonation(donation.id, fixed, reason: "scale misread", author: "s1")
        #expect(corrected == Donation(id: donation.id, date: date("2026-05-01"), kind: .wholeBlood, volumeML: 300, outcome: .lowVolume))
        #expect(try store.history(of: donor) == [corrected])
        #expect(try store.events(of: donor).map(\.kind) == [.donorRegistered, .donationRecorded, .donationCorrected])
        let missing = #expect(throws: StoreError.self) { try store.correctDonation("nope", fixed, reason: "x", author: "s1") }
        #expect(missing?.code == .notFound)
    }

    @Test(arguments: StoreKind.allCases)
    func donationForUnknownDonorIsRefused(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let error = #expect(throws: StoreError.self) {
            try fixture.store.recordDonation(for: DonorID("missing"), Self.may1, author: "n7")
        }
        #expect(error?.code == .notFound)
        #expect(try fixture.store.counts().events == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func eventsAreAppendOnly(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        try store.registerDonor(Sample.donor(), author: "v1")
        // The log refuses changes even from code inside the store.
        let error = #expect(throws: StoreError.self) { try store.debugExecute("DELETE FROM events") }
        #expect(error?.code == .constraint)
        #expect(try store.counts().events == 1)
    }

    /// The kiosk's sync pushes new events on this signal instead of waiting out its long-poll:
    /// once per committed write that added events, never for a refused one.
    @Test(arguments: StoreKind.allCases)
    func theOutboxSignalFollowsCommitsNotRefusals(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let signals = Mutex(0)
        store.onOutboxAppend { signals.withLock { $0 += 1 } }
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        #expect(signals.withLock { $0 } == 1)
        try store.recordDonation(for: donor, Self.may1, author: "n7")
        #expect(signals.withLock { $0 } == 2)
        #expect(throws: StoreError.self) { try store.recordDonation(for: donor, Self.may1, author: "n7") }
        #expect(signals.withLock { $0 } == 2, "a refused write adds nothing to the outbox and wakes nothing")
    }
}
