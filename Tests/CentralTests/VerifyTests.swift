import Central
import Crypto
import DonorCore
import Foundation
import SyncWire
import Testing

/// Card QR verification: signature, record, status.
@Suite("Certificate verification")
struct VerifyTests {
    /// A kiosk with a signing key that activates and signs cards.
    struct Kiosk {
        let key = Curve25519.Signing.PrivateKey()
        var publicKey: String { CardQR.base64url(key.publicKey.rawRepresentation) }

        func sign(_ claims: CardQR.Claims) throws -> String {
            let input = try CardQR.signingInput(claims)
            return CardQR.payload(signingInput: input, signature: Array(try key.signature(for: Data(input.utf8))))
        }
    }

    static func activation(_ id: String, device: Device, donor: String, claims: CardQR.Claims, hlc: Int64) -> WireEvent {
        Make.event(id, .cardActivated, house: device.house, device: device.id, donor: donor, hlc: Make.hlc(hlc, device.id),
                   CardActivatedPayload(donor: donor, card: claims.card, date: claims.issuedAt, validThrough: claims.validThrough,
                                        tier: claims.tier, pseudonym: claims.pseudonym, keyID: claims.keyID))
    }

    @Test(arguments: Backend.allCases)
    func everyStatusOfACardQRCode(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let kiosk = Kiosk()
            let (device, _) = try await Make.device(service, house: "h1", signingKey: kiosk.publicKey)
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            let pseudonym = CardCrypto.pseudonym(donorKey: "d1")
            let annual = CardQR.Claims(pseudonym: pseudonym, card: .annual, tier: "blue", validThrough: LocalDate(iso: "2027-10-31"),
                                       issuedAt: LocalDate(iso: "2026-11-01")!, keyID: device.id)
            let payload = try kiosk.sign(annual)
            #expect(try await service.verify(payload).status == .unknownCertificate)
            let pushed = try await service.push(PushRequest(events: [Self.activation("c1", device: device, donor: "d1", claims: annual, hlc: 5_000)]), device: device)
            #expect(pushed.results.first?.status == .accepted)
            #expect(try await service.verify(payload).status == .valid)
            #expect(!payload.contains("34052419800101001X"))

            // Altered: the tier changed after signing.
            var forged = annual
            forged.tier = "gold"
            let tampered = try CardQR.signingInput(forged) + "." + payload.split(separator: ".")[1]
            #expect(try await service.verify(tampered).status == .badSignature)
            #expect(try await service.verify("not a qr").status == .malformed)
            var stranger = annual
            stranger.keyID = "dev-unknown"
            #expect(try await service.verify(try kiosk.sign(stranger)).status == .unknownKey)

            let old = CardQR.Claims(pseudonym: pseudonym, card: .annual, tier: "blue", validThrough: LocalDate(iso: "2025-10-31"),
                                    issuedAt: LocalDate(iso: "2024-11-01")!, keyID: device.id)
            _ = try await service.push(PushRequest(events: [Self.activation("c0", device: device, donor: "d1", claims: old, hlc: 1_000)]), device: device)
            // c0 is older than c1, so it is superseded before it is expired.
            #expect(try await service.verify(try kiosk.sign(old)).status == .superseded)

            let honour = CardQR.Claims(pseudonym: pseudonym, card: .honour, tier: "bronze", validThrough: nil,
                                       issuedAt: LocalDate(iso: "2026-11-10")!, keyID: device.id)
            _ = try await service.push(PushRequest(events: [Self.activation("c2", device: device, donor: "d1", claims: honour, hlc: 9_000)]), device: device)
            #expect(try await service.verify(payload).status == .superseded)
            #expect(try await service.verify(try kiosk.sign(honour)).status == .valid)
            let revoke = Make.event("x1", .cardRevoked, house: "h1", device: device.id, donor: nil, CardRevokedPayload(activationID: "c2", reason: "issued in error"))
            _ = try await service.push(PushRequest(events: [revoke]), device: device)
            #expect(try await service.verify(try kiosk.sign(honour)).status == .revoked)
        }
    }

    @Test(arguments: Backend.allCases)
    func anExpiredCardAndACardWithAnotherDonorsPseudonym(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let kiosk = Kiosk()
            let (device, _) = try await Make.device(service, house: "h1", signingKey: kiosk.publicKey)
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            let expired = CardQR.Claims(pseudonym: CardCrypto.pseudonym(donorKey: "d1"), card: .annual, tier: "blue",
                                        validThrough: LocalDate(iso: "2026-11-19"), issuedAt: LocalDate(iso: "2025-11-20")!, keyID: device.id)
            _ = try await service.push(PushRequest(events: [Self.activation("c1", device: device, donor: "d1", claims: expired, hlc: 1)]), device: device)
            #expect(try await service.verify(try kiosk.sign(expired)).status == .expired)
            var wrong = expired
            wrong.pseudonym = CardCrypto.pseudonym(donorKey: "someone-else")
            let answer = try await service.push(PushRequest(events: [Self.activation("c2", device: device, donor: "d1", claims: wrong, hlc: 2)]), device: device)
            #expect(answer.results.first?.reason?.code == "pseudonym_mismatch")
        }
    }
}
