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
        .queueTicketed(QueueTicketedPayload(donor: donor, date: day("2026-05-01"), number: 7, procedure: .platelets, stage: .waiting)),
        .queueTicketed(QueueTicketedPayload(donor: donor, date: day("2026-05-01"), number: 3, procedure: nil, stage: .arrived)),
        .eligibilityOverridden(EligibilityOverriddenPayload(donor: donor, date: day("2026-05-01"), rule: "interval.platelets.platelets",
                                                            reason: "回访确认", supervisor: "S01")),
        .donationRecorded(DonationRecordedPayload(donation: "d-2", donor: donor, facts: DonationFacts(
            date: day("2026-05-01"), kind: .platelets, doses: 2, started: "09:05", ended: "10:10"))),
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

    @Test func theNewKindsUseSnakeCaseAndLeaveOutWhatIsAbsent() throws {
        func object(_ payload: EventPayload) throws -> [String: JSONValue] {
            try #require(try payload.object().objectValue)
        }
        let arrival = try object(Self.payloads[14])
        #expect(arrival == ["donor": .string(Self.donor), "date": .string("2026-05-01"), "number": .number(3), "stage": .string("arrived")])
        #expect(try object(Self.payloads[13])["procedure"] == .string("platelets"))
        let override = try object(Self.payloads[15])
        #expect(Set(override.keys) == ["donor", "date", "rule", "reason", "supervisor"])
        let timed = try #require(try object(Self.payloads[16])["facts"]?.objectValue)
        #expect(timed["started"] == .string("09:05"))
        #expect(timed["ended"] == .string("10:10"))
        // A donation recorded before the needle times existed has neither key, and decodes.
        let untimed = try #require(try object(Self.payloads[4])["facts"]?.objectValue)
        #expect(untimed["started"] == nil && untimed["ended"] == nil)
        let old = try EventPayload.decode(kind: .donationRecorded, from: .object([
            "donation": .string("d-0"), "donor": .string(Self.donor),
            "facts": .object(["date": .string("2025-01-02"), "kind": .string("whole_blood"), "volume_ml": .number(400), "outcome": .string("complete")]),
        ]))
        guard case .donationRecorded(let p) = old else { Issue.record("decoded as \(old.kind)"); return }
        #expect(p.facts.started == nil && p.facts.ended == nil && p.facts.volumeML == 400)
    }

    @Test func onlyTheOverrideIsSealedAndNeitherNewKindIsShared() {
        #expect(EventKind.eligibilityOverridden.isSensitive)
        #expect(!EventKind.queueTicketed.isSensitive)
        #expect(!EventKind.queueTicketed.isShared)
        #expect(!EventKind.eligibilityOverridden.isShared)
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
