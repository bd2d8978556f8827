import Central
import DonorCore
import Foundation
import SyncWire
import Testing

/// The house-local kinds (`queue.ticketed`, `eligibility.overridden`) and the needle times on
/// a donation: accepted and kept by the centre on SQLite, never sent to another house; a
/// malformed one is rejected with its reason.
@Suite("Local event kinds at the centre")
struct LocalKindsTests {
    static let day = LocalDate(iso: "2026-11-14")!

    static func ticket(_ id: String, device: String, number: Int = 4, procedure: Procedure? = .plasma,
                       stage: QueueTicketStage = .waiting, date: LocalDate = day) -> WireEvent {
        Make.event(id, .queueTicketed, house: "h1", device: device, donor: "d1",
                   QueueTicketedPayload(donor: "d1", date: date, number: number, procedure: procedure, stage: stage))
    }

    static func override(_ id: String, device: String, reason: String = "复查合格", supervisor: String = "9001") -> WireEvent {
        Make.event(id, .eligibilityOverridden, house: "h1", device: device, donor: "d1", EligibilityOverriddenPayload(
            donor: "d1", date: day, rule: "interval.whole_blood.whole_blood", reason: reason, supervisor: supervisor))
    }

    static func timedDonation(_ id: String, device: String, started: String, ended: String) -> WireEvent {
        Make.event(id, .donationRecorded, house: "h1", device: device, donor: "d1", DonationRecordedPayload(
            donation: "don-" + id, donor: "d1",
            facts: DonationFacts(date: day, kind: .wholeBlood, volumeML: 400, started: started, ended: ended)))
    }

    @Test func theNewKindsAreAcceptedKeptAndSentToNoOtherHouse() async throws {
        try await ServiceFixture.withService(.sqlite) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            _ = try await Make.device(service, house: "h2")
            let events = [
                Make.registration("r1", house: "h1", device: device.id, donor: "d1"),
                Self.ticket("q1", device: device.id, number: 1, procedure: nil, stage: .arrived),
                Self.override("o1", device: device.id),
                Self.ticket("q2", device: device.id, number: 1, procedure: .wholeBlood),
                Self.timedDonation("g1", device: device.id, started: "09:05", ended: "09:14"),
            ]
            let answer = try await service.push(PushRequest(events: events), device: device)
            #expect(answer.results.map(\.status) == Array(repeating: .accepted, count: 5))
            #expect(try await service.store.quarantined(limit: 10).isEmpty)
            let kept = try #require(try await service.store.event(id: "o1")).event
            #expect(kept.kind == "eligibility.overridden")
            #expect(kept.payload.objectValue?["supervisor"] == .string("9001"))
            let donation = try #require(try await service.store.event(id: "g1")).event.payload.objectValue?["facts"]?.objectValue
            #expect(donation?["started"] == .string("09:05") && donation?["ended"] == .string("09:14"))
            // Another house gets the registration and the donation, not the queue or the override.
            let pulled = try await service.changes(house: try #require(try await service.store.house(id: "h2")), after: 0, limit: 50, wait: 0)
            #expect(pulled.events.map(\.event.id).sorted() == ["g1", "r1"])
        }
    }

    static let malformed: [(String, String, @Sendable (String) -> WireEvent)] = [
        ("number 0", "invalid_number", { ticket("b1", device: $0, number: 0) }),
        ("waiting without procedure", "invalid_stage", { ticket("b2", device: $0, procedure: nil) }),
        ("arrival with procedure", "invalid_stage", { ticket("b3", device: $0, procedure: .plasma, stage: .arrived) }),
        ("future queue", "future_date", { ticket("b4", device: $0, date: LocalDate(iso: "2027-01-01")!) }),
        ("blank reason", "missing_reason", { override("b5", device: $0, reason: "  ") }),
        ("no supervisor", "missing_supervisor", { override("b6", device: $0, supervisor: "") }),
        ("needle time 24:10", "invalid_time", { timedDonation("b7", device: $0, started: "24:10", ended: "09:14") }),
        ("needle time 9:5", "invalid_time", { timedDonation("b8", device: $0, started: "09:05", ended: "9:5") }),
        ("stage not a stage", "invalid_payload", { device in
            WireEvent(id: "b9", kind: "queue.ticketed", house: "h1", device: device, author: "a", hlc: Make.hlc(1_795_000_000_000, device),
                      donorKey: "d1", payload: .object(["date": .string("2026-11-14"), "number": .number(2), "stage": .string("called")]))
        }),
    ]

    @Test(arguments: 0..<LocalKindsTests.malformed.count)
    func aMalformedOneIsRejectedWithItsReason(_ index: Int) async throws {
        let (name, code, make) = Self.malformed[index]
        try await ServiceFixture.withService(.sqlite) { service in
            let (device, _) = try await Make.device(service, house: "h1")
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            let event = make(device.id)
            let answer = try await service.push(PushRequest(events: [event]), device: device)
            #expect(answer.results.map(\.status) == [.rejected], "\(name)")
            #expect(answer.results.first?.reason?.code == code, "\(name)")
            #expect(try await service.store.quarantined(limit: 10).map(\.eventID) == [event.id], "\(name)")
        }
    }
}
