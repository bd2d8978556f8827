import DonorCore
import Foundation
import KioskStore
import SyncWire
import Testing

/// EventEnvelope ↔ WireEvent (docs/sync-integration.md): house added, `donor_key` from the
/// payload (for merges, `source`), snake_case payloads, and nothing lost on the way back.
@Suite("Envelope and wire conversion")
struct WireConversionTests {
    static let donor = "0b6a1c52-8f1e-4a57-9a43-5d1f3c2e7a10"
    static let other = "7d2e4f60-1b3c-4d5e-8f90-a1b2c3d4e5f6"
    static let facts = DonationFacts(date: day("2026-05-01"), kind: .wholeBlood, volumeML: 400, bagNumber: "BAG7")

    /// One payload of every kind the store knows.
    static let payloads: [EventPayload] = [
        .donorRegistered(DonorRegisteredPayload(donor: donor, idNumber: "110105199002150023", name: "王芳", sex: .female,
                                                birthDate: day("1990-02-15"), phone: "13912345678", bloodType: "A+")),
        .donorUpdated(DonorUpdatedPayload(donor: donor, name: "王芳芳", phone: "13900000000")),
        .donorMerged(DonorMergedPayload(source: other, target: donor, reason: "same person")),
        .donorUnmerged(DonorUnmergedPayload(merge: "m-1", source: other, target: donor, reason: "not the same")),
        .donationRecorded(DonationRecordedPayload(donation: "d-1", donor: donor, facts: facts)),
        .donationCorrected(DonationCorrectedPayload(donation: "d-1", donor: donor, facts: facts, reason: "typo")),
        .donationVoided(DonationVoidedPayload(donation: "d-1", donor: donor, reason: "wrong donor")),
        .deferralAdded(DeferralAddedPayload(donor: donor, deferral: Deferral(id: "f-1", rule: "hbv_positive", source: .lab,
                                                                             from: day("2026-05-02"), until: nil))),
        .deferralLifted(DeferralLiftedPayload(donor: donor, deferral: "f-1", reason: "retest negative")),
        .answersSaved(AnswersSavedPayload(donor: donor, answers: QuestionnaireAnswers(date: day("2026-05-01"), answers: ["cold_1w": false]))),
        .vitalsSaved(VitalsSavedPayload(donor: donor, date: day("2026-05-01"), vitals: Vitals(weightKg: 60, haemoglobin: 130))),
        .cardActivated(CardActivatedPayload(donor: donor, card: .annual, date: day("2026-05-01"), validThrough: day("2027-04-30"),
                                            tier: "blue", policy: "taiyuan@2026.06")),
        .cardRevoked(CardRevokedPayload(activationID: "c-1", reason: "issued in error")),
    ]

    @Test func everyKindHasAPayloadHere() {
        #expect(Set(Self.payloads.map(\.kind)) == Set(EventKind.allCases))
    }

    @Test(arguments: WireConversionTests.payloads)
    func everyKindRoundTrips(payload: EventPayload) throws {
        let envelope = EventEnvelope(id: EventID("e-\(payload.kind.rawValue)"),
                                     hlc: HLCTimestamp(milliseconds: 1_780_000_000_123, counter: 4, device: "dev-1"),
                                     author: "n7", device: "dev-1", payload: payload)
        let wire = try envelope.wire(house: "house-9")
        #expect(wire.id == "e-\(payload.kind.rawValue)")
        #expect(wire.kind == payload.kind.rawValue)
        #expect(wire.house == "house-9")
        #expect(wire.device == "dev-1")
        #expect(wire.author == "n7")
        #expect(wire.hlc == "000001780000000123-00004-dev-1")
        #expect(HLC(wire.hlc) != nil)
        switch payload.kind {
        case .donorMerged, .donorUnmerged: #expect(wire.donorKey == Self.other)
        case .cardRevoked: #expect(wire.donorKey == nil)
        default: #expect(wire.donorKey == Self.donor)
        }
        // Through JSON, as the centre stores and returns it.
        let bytes = try WireCoding.encoder().encode(wire)
        let back = try EventEnvelope(wire: try WireCoding.decoder().decode(WireEvent.self, from: bytes))
        #expect(back == envelope)
    }

    @Test func payloadsUseTheWiresSnakeCaseKeys() throws {
        let wire = try EventEnvelope(id: EventID("e1"), hlc: HLCTimestamp(milliseconds: 1, counter: 0, device: "d"), author: "a",
                                     device: "d", payload: Self.payloads[4]).wire(house: "h")
        let facts = try #require(wire.payload.objectValue?["facts"]?.objectValue)
        #expect(facts["volume_ml"] == .number(400))
        #expect(facts["bag_number"] == .string("BAG7"))
        #expect(facts["volumeML"] == nil)
    }

    @Test func aPayloadWithoutDonorTakesTheDonorKey() throws {
        let wire = WireEvent(id: "e1", kind: "donation.voided", house: "h2", device: "d2", author: "s1",
                             hlc: "000001780000000000-00000-d2", donorKey: Self.donor,
                             payload: .object(["donation": .string("d-1"), "reason": .string("x")]))
        let envelope = try EventEnvelope(wire: wire)
        #expect(envelope.payload == .donationVoided(DonationVoidedPayload(donation: "d-1", donor: Self.donor, reason: "x")))
    }

    static let malformed: [(String, WireEvent)] = [
        ("id", WireEvent(id: "bad id!", kind: "donation.voided", house: "h", device: "d", author: "a",
                         hlc: "000001780000000000-00000-d", donorKey: donor, payload: .object([:]))),
        ("kind", WireEvent(id: "e1", kind: "donor.photo", house: "h", device: "d", author: "a",
                           hlc: "000001780000000000-00000-d", donorKey: donor, payload: .object([:]))),
        ("hlc", WireEvent(id: "e1", kind: "donation.voided", house: "h", device: "d", author: "a",
                          hlc: "1780000000000-0-d", donorKey: donor,
                          payload: .object(["donation": .string("d-1"), "reason": .string("x")]))),
        ("payload", WireEvent(id: "e1", kind: "donation.voided", house: "h", device: "d", author: "a",
                              hlc: "000001780000000000-00000-d", donorKey: donor, payload: .object(["donation": .number(3)]))),
        ("donor_key", WireEvent(id: "e1", kind: "donation.voided", house: "h", device: "d", author: "a",
                                hlc: "000001780000000000-00000-d", donorKey: other,
                                payload: .object(["donation": .string("d-1"), "donor": .string(donor), "reason": .string("x")]))),
    ]

    @Test(arguments: WireConversionTests.malformed)
    func aMalformedWireEventIsRefusedNamingThePart(field: String, wire: WireEvent) {
        let error = #expect(throws: StoreError.self) { try EventEnvelope(wire: wire) }
        #expect(error?.code == .invalidInput)
        #expect(error?.field == field)
    }
}
