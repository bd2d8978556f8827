import DonorCore
import Foundation
import KioskStore
import SyncWire
import Testing

@Suite("Check-in: deferrals, answers, vitals, cards")
struct CheckinTests {
    @Test(arguments: StoreKind.allCases)
    func deferralsReadBackAndCanBeLifted(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        let tattoo = try store.addDeferral(to: donor, rule: "tattoo", source: .questionnaire, from: date("2026-05-01"),
                                           until: date("2027-05-01"), author: "n7")
        let lab = try store.addDeferral(to: donor, rule: "infection_marker", source: .lab, from: date("2026-06-01"),
                                        until: nil, author: "n7")
        #expect(try store.deferrals(of: donor) == [
            Deferral(id: tattoo.id, rule: "tattoo", source: .questionnaire, from: date("2026-05-01"), until: date("2027-05-01")),
            Deferral(id: lab.id, rule: "infection_marker", source: .lab, from: date("2026-06-01"), until: nil),
        ])
        try store.liftDeferral(lab.id, reason: "retest negative", author: "s1")
        #expect(try store.deferrals(of: donor).map(\.lifted) == [false, true])
        let bad = #expect(throws: StoreError.self) {
            try store.addDeferral(to: donor, rule: "cold", source: .staff, from: date("2026-05-01"), until: date("2026-05-01"), author: "n7")
        }
        #expect(bad?.field == "until")
    }

    @Test(arguments: StoreKind.allCases)
    func latestAnswersAndVitalsReadBack(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        #expect(try store.latestAnswers(of: donor) == nil)
        let first = QuestionnaireAnswers(date: date("2026-05-01"), answers: ["cold_1w": true])
        let second = QuestionnaireAnswers(date: date("2026-06-01"), answers: ["cold_1w": false, "tattoo_1y": false])
        try store.saveAnswers(first, for: donor, author: "self-service")
        try store.saveAnswers(second, for: donor, author: "self-service")
        #expect(try store.latestAnswers(of: donor) == second)
        let vitals = Vitals(weightKg: 62.5, systolic: 120, diastolic: 80, pulse: 72, haemoglobin: 135)
        try store.saveVitals(vitals, on: date("2026-06-01"), for: donor, author: "n7")
        #expect(try store.vitals(of: donor, on: date("2026-06-01")) == vitals)
        #expect(try store.vitals(of: donor, on: date("2026-06-02")) == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func cardActivationIsRecorded(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        let event = try store.activateCard(for: donor, card: .annual, date: date("2026-05-01"), validThrough: date("2027-04-30"),
                                           tier: "blue", policy: "taiyuan@2026.06", author: "v1")
        let expected = CardActivatedPayload(donor: donor.rawValue, card: .annual, date: date("2026-05-01"), validThrough: date("2027-04-30"),
                                     tier: "blue", policy: "taiyuan@2026.06")
        #expect(try store.activations(of: donor) == [expected])
        #expect(try store.pendingOutbox().last == EventEnvelope(
            id: event, hlc: try store.lastClockTime(), author: "v1", device: store.deviceID, payload: .cardActivated(expected)))
    }

    @Test(arguments: StoreKind.allCases)
    func donorFileFeedsTheEligibilityEngine(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let donor = try store.registerDonor(Sample.donor(), author: "v1")
        let donation = try store.recordDonation(for: donor, DonationFacts(date: date("2026-01-10"), kind: .wholeBlood, volumeML: 400),
                                                author: "n7")
        let answers = QuestionnaireAnswers(date: date("2026-05-01"), answers: ["cold_1w": false])
        try store.saveAnswers(answers, for: donor, author: "v1")
        let file = try store.file(of: donor)
        #expect(file.donor.id == donor)
        #expect(file.history == [Donation(id: donation.id, date: date("2026-01-10"), kind: .wholeBlood, volumeML: 400)])
        let today = file.eligibilityInput(procedure: .wholeBlood, date: date("2026-05-01"))
        #expect(today.answers == answers)
        #expect(today.donor == DonorProfile(sex: .male, birthDate: date("1949-12-31")))
        #expect(file.eligibilityInput(procedure: .wholeBlood, date: date("2026-05-02")).answers == nil)
    }
}
