import Crypto
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
        // Only ASCII digits at the exact widths, and a node.
        for bad in ["00000176722560000０-00003-d", "000001767225600000-0000３-d", "00000176722560000-000003-d",
                    "000001767225600000-00003-", "000001767225600000-0000\u{0663}-d", "000001767225600001\u{0301}-00003-d",
                    "+00001767225600000-00003-d", "000001767225600000-+0003-d"] {
            #expect(HLC(bad) == nil, "\(bad)")
        }
        #expect(HLC("000001767225600000-00003-d") == HLC(milliseconds: 1_767_225_600_000, counter: 3, node: "d"))
    }

    @Test func anEventKeepsItsSnakeCaseKeysAndWholeNumbers() throws {
        let event = WireEvent(id: "e1", kind: EventKind.donationRecorded.rawValue, house: "h1", device: "d", author: "a", hlc: "h",
                              donorKey: "k", payload: try WireCoding.object(DonationRecordedPayload(donation: "x1", donor: "k", facts: DonationFacts(
                                date: LocalDate(iso: "2026-01-02")!, kind: .wholeBlood, volumeML: 400, bagNumber: "B1"))))
        let text = String(decoding: try WireCoding.encoder().encode(event), as: UTF8.self)
        #expect(text == #"{"author":"a","device":"d","donor_key":"k","hlc":"h","house":"h1","id":"e1","kind":"donation.recorded","payload":{"donation":"x1","donor":"k","facts":{"bag_number":"B1","date":"2026-01-02","kind":"whole_blood","outcome":"complete","volume_ml":400}}}"#)
        #expect(try WireCoding.decoder().decode(WireEvent.self, from: Data(text.utf8)) == event)
    }

    @Test func aCardQRCodeIs79BytesThatSignAndVerifyAndRefuseAnyChange() throws {
        let key = Curve25519.Signing.PrivateKey()
        let publicKey = CardQR.base64url(key.publicKey.rawRepresentation)
        let claims = CardQR.Claims(pseudonym: CardQR.pseudonym(donorKey: "k1"), card: .annual, tierIndex: 2, validThrough: LocalDate(iso: "2027-01-01"))
        let text = try CardQR.sign(claims, with: key)
        #expect(text.count == 106 && !text.contains("=") && !text.contains("+") && !text.contains("/"))
        let parsed = try #require(CardQR.parse(text))
        #expect(parsed.claims == claims && parsed.signed == CardQR.signedBytes(claims) && parsed.signature.count == 64)
        #expect(parsed.signed.first == CardQR.version && parsed.signed[9] == 1 && parsed.signed[10] == 2)
        #expect(CardQR.verify(signed: parsed.signed, signature: parsed.signature, publicKey: publicKey))
        var changed = parsed.signed
        changed[14] ^= 1
        #expect(!CardQR.verify(signed: changed, signature: parsed.signature, publicKey: publicKey))
        let honour = CardQR.Claims(pseudonym: claims.pseudonym, card: .honour, tierIndex: nil, validThrough: nil)
        #expect(try #require(CardQR.parse(try CardQR.sign(honour, with: key))).claims == honour)
        #expect(CardQR.pseudonym(donorKey: "k1") != CardQR.pseudonym(donorKey: "k2") && CardQR.pseudonym(donorKey: "k1").count == 11)
        #expect(CardQR.parse("a.b") == nil)
        #expect(CardQR.parse(String(text.dropLast(2))) == nil)
        #expect(throws: CardQRError.self) { try CardQR.sign(CardQR.Claims(pseudonym: "p", card: .annual, tierIndex: nil, validThrough: nil), with: key) }
    }
}
