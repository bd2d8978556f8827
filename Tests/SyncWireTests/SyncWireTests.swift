import DonorCore
import Foundation
import SyncWire
import Testing

@Suite("SyncWire")
struct SyncWireTests {
    @Test func hlcStringsSortInClockOrderAndRoundTrip() {
        let a = HLC(milliseconds: 999, counter: 7, node: "dev-a"), b = HLC(milliseconds: 1_000, counter: 0, node: "dev-a")
        #expect(a.description == "000000000000000999-00007-dev-a")
        #expect(a.description < b.description)
        #expect(HLC(a.description) == a)
        #expect(HLC("999-7-dev") == nil)
        #expect(HLC("000001767225600000-00003-6f1c-4a2e")?.node == "6f1c-4a2e")
    }

    @Test func anEventKeepsItsSnakeCaseKeysAndWholeNumbers() throws {
        let event = WireEvent(id: "e1", kind: EventKind.donationRecorded.rawValue, house: "h1", device: "d", author: "a", hlc: "h",
                              donorKey: "k", payload: try WireCoding.object(DonationRecordedPayload(donation: "x1", donor: "k", facts: DonationFacts(
                                date: LocalDate(iso: "2026-01-02")!, kind: .wholeBlood, volumeML: 400, bagNumber: "B1"))))
        let text = String(decoding: try WireCoding.encoder().encode(event), as: UTF8.self)
        #expect(text == #"{"author":"a","device":"d","donor_key":"k","hlc":"h","house":"h1","id":"e1","kind":"donation.recorded","payload":{"donation":"x1","donor":"k","facts":{"bag_number":"B1","date":"2026-01-02","kind":"whole_blood","outcome":"complete","volume_ml":400}}}"#)
        #expect(try WireCoding.decoder().decode(WireEvent.self, from: Data(text.utf8)) == event)
    }

    @Test func aCardQRPayloadSplitsIntoClaimsSignedBytesAndSignature() throws {
        let claims = CardQR.Claims(pseudonym: "p", card: .annual, tier: "blue", validThrough: LocalDate(iso: "2027-01-01"),
                                   issuedAt: LocalDate(iso: "2026-01-02")!, keyID: "dev-1")
        let input = try CardQR.signingInput(claims)
        let payload = CardQR.payload(signingInput: input, signature: [1, 2, 3])
        let parsed = try #require(CardQR.parse(payload))
        #expect(parsed.claims == claims && parsed.signed == Array(input.utf8) && parsed.signature == [1, 2, 3])
        #expect(!payload.contains("=") && !payload.contains("+") && !payload.contains("/"))
        #expect(CardQR.parse("a.b.c") == nil)
        #expect(CardQR.parse(input) == nil)
    }
}
