import Crypto
import DonorCore
import Foundation
import KioskApp
import KioskStore
import SyncWire
import Testing

/// The queue, the supervisor's overrides and the needle times are outbox events on a real
/// SQLite store: each action adds exactly its events, and the queue is read back from them,
/// also after the store is closed and opened again.
@Suite struct StoreQueueEventTests {
    struct Kiosk {
        let folder: URL
        let store: KioskStore
        let services: StoreKioskServices
    }

    static func open(_ folder: URL) throws -> Kiosk {
        let store = try KioskStore.open(directory: folder.path, keyFile: folder.appendingPathComponent("kiosk.key").path, deviceName: "test")
        let signer = Ed25519CardSigner(key: Curve25519.Signing.PrivateKey())
        return Kiosk(folder: folder, store: store,
                     services: StoreKioskServices(store: store, policy: Fixture.policy, signer: signer, today: { Fixture.today }))
    }

    static func fresh() throws -> Kiosk {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-queue-\(UUID().uuidString.prefix(8))")
        let kiosk = try open(folder)
        _ = try kiosk.store.importDonors(Fixture.donors, author: "test")
        return kiosk
    }

    /// The payloads of the events `action` added to the outbox, in order.
    static func added(_ store: KioskStore, by action: () async throws -> Void) async throws -> [EventPayload] {
        let before = Set(try store.pendingOutbox(limit: 10_000).map(\.id))
        try await action()
        return try store.pendingOutbox(limit: 10_000).filter { !before.contains($0.id) }.map(\.payload)
    }

    @Test func ticketsOverridesAndDonationsAreOutboxEventsAndTheQueueSurvivesARestart() async throws {
        var kiosk = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: kiosk.folder) }
        let services = kiosk.services
        let arrival = try #require(try await services.donor(idNumber: Fixture.recentID)).id
        let regular = try #require(try await services.donor(idNumber: Fixture.regularID)).id

        // A self-service ticket: one `queue.ticketed`, no procedure, stage arrived.
        let ticketed = try await Self.added(kiosk.store) { _ = try await services.ticket(donorID: arrival) }
        #expect(ticketed == [.queueTicketed(QueueTicketedPayload(donor: arrival, date: Fixture.today, number: 1, procedure: nil, stage: .arrived))])
        // Asking again keeps the number and writes nothing.
        var number = 0
        let again = try await Self.added(kiosk.store) { number = try await services.ticket(donorID: arrival).number }
        #expect(again.isEmpty && number == 1)

        // A check-in with a supervisor's override: the override, then the ticket, number 2.
        let override = RuleOverride(rule: "interval.whole_blood.whole_blood", by: "9001", reason: "医生复核同意")
        let enqueued = try await Self.added(kiosk.store) {
            let entry = try await services.enqueue(donorID: regular, procedure: .wholeBlood, overrides: [override], by: "2001")
            #expect(entry.number == 2 && entry.stage == .waiting)
        }
        #expect(enqueued == [
            .eligibilityOverridden(EligibilityOverriddenPayload(donor: regular, date: Fixture.today, rule: override.rule,
                                                                reason: override.reason, supervisor: "9001")),
            .queueTicketed(QueueTicketedPayload(donor: regular, date: Fixture.today, number: 2, procedure: .wholeBlood, stage: .waiting)),
        ])

        // The self-service donor checked in by a volunteer keeps number 1.
        let checkedIn = try await Self.added(kiosk.store) {
            number = try await services.enqueue(donorID: arrival, procedure: .platelets, overrides: [], by: "2001").number
        }
        #expect(number == 1)
        #expect(checkedIn == [.queueTicketed(QueueTicketedPayload(donor: arrival, date: Fixture.today, number: 1, procedure: .platelets, stage: .waiting))])

        // A donation carries its needle times in its facts: one `donation.recorded`, no audit-only times.
        let facts = CollectionFacts(donorID: regular, date: Fixture.today, kind: .wholeBlood, volumeML: 400, doses: nil,
                                    bagNumber: Fixture.bag(5), started: "10:02", ended: "10:11", outcome: .complete, reaction: nil)
        let recorded = try await Self.added(kiosk.store) { _ = try await services.recordDonation(facts, by: "2001") }
        #expect(recorded.count == 1)
        guard case .donationRecorded(let p)? = recorded.first else { Issue.record("not a donation: \(recorded)"); return }
        #expect(p.donor == regular && p.facts.started == "10:02" && p.facts.ended == "10:11" && p.facts.volumeML == 400)
        #expect(try kiosk.store.audit(action: "donation.times").isEmpty)
        #expect(try await services.dayFigures(on: Fixture.today).donationsByHour == [10: 1])

        let expected: [(Int, String, Procedure, QueueStage)] = [(1, arrival, .platelets, .waiting), (2, regular, .wholeBlood, .donated)]
        let before = try await services.queue(on: Fixture.today)
        #expect(before.map { "\($0.number) \($0.donorID) \($0.procedure) \($0.stage)" } == expected.map { "\($0.0) \($0.1) \($0.2) \($0.3)" })
        #expect(try await services.queue(on: Fixture.today.adding(days: 1)).isEmpty)

        // Closed and opened again: the same queue, read from the events' projection.
        try kiosk.store.close()
        kiosk = try Self.open(kiosk.folder)
        #expect(try await kiosk.services.queue(on: Fixture.today) == before)
        #expect(try await kiosk.services.dayFigures(on: Fixture.today).donationsByHour == [10: 1])
        // The next number continues after a restart.
        let third = try #require(try await kiosk.services.donor(idNumber: Fixture.deferredID))
        #expect(try await kiosk.services.ticket(donorID: third.id).number == 3)
        try kiosk.store.close()
    }

    @Test func anOverrideReasonIsSealedOnDiskAndTheTicketIsNot() async throws {
        let kiosk = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: kiosk.folder) }
        let regular = try #require(try await kiosk.services.donor(idNumber: Fixture.regularID)).id
        let reason = "OVERRIDE-REASON-乙肝复查阴性"
        _ = try await kiosk.services.enqueue(donorID: regular, procedure: .wholeBlood,
                                             overrides: [RuleOverride(rule: "interval.whole_blood.whole_blood", by: "9001", reason: reason)], by: "2001")
        try kiosk.store.close()
        var bytes = Data()
        for name in try FileManager.default.contentsOfDirectory(atPath: kiosk.folder.path) {
            bytes += (try? Data(contentsOf: kiosk.folder.appendingPathComponent(name))) ?? Data()
        }
        #expect(bytes.range(of: Data(reason.utf8)) == nil)
        #expect(bytes.range(of: Data("\"stage\":\"waiting\"".utf8)) != nil)
    }

    @Test func aBadOverrideOrNeedleTimeWritesNothing() async throws {
        let kiosk = try Self.fresh()
        defer { try? FileManager.default.removeItem(at: kiosk.folder) }
        let regular = try #require(try await kiosk.services.donor(idNumber: Fixture.regularID)).id
        let none = try await Self.added(kiosk.store) {
            await #expect(throws: ServiceError.self) {
                _ = try await kiosk.services.enqueue(donorID: regular, procedure: .wholeBlood,
                                                     overrides: [RuleOverride(rule: "interval.whole_blood.whole_blood", by: "9001", reason: "  ")], by: "2001")
            }
            let facts = CollectionFacts(donorID: regular, date: Fixture.today, kind: .wholeBlood, volumeML: 400, doses: nil,
                                        bagNumber: Fixture.bag(6), started: "25:00", ended: "10:11", outcome: .complete, reaction: nil)
            await #expect(throws: ServiceError.self) { _ = try await kiosk.services.recordDonation(facts, by: "2001") }
        }
        #expect(none.isEmpty)
        #expect(try await kiosk.services.queue(on: Fixture.today).isEmpty)
        try kiosk.store.close()
    }
}
