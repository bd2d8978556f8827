import Central
import Crypto
import DonorCore
import Foundation
import KioskApp
import SyncWire
import Testing

/// Card QR verification: the code the kiosk's own signer makes (`Ed25519CardSigner`, as the
/// certificate screen calls it) is checked by the centre: signature, record, status.
@Suite("Certificate verification")
struct VerifyTests {
    /// A kiosk: its card signer, as `kiosk enroll` and the screens use it.
    struct Kiosk {
        let signer = Ed25519CardSigner(key: Curve25519.Signing.PrivateKey())
        var publicKey: String { CardQR.base64url(signer.publicKey) }

        /// The QR text the certificate screen shows.
        func qr(donor: String, _ card: CardKind, tier: String?, until: String?) throws -> String {
            try signer.qrText(donorKey: donor, card: card, tierIndex: tier.flatMap(VerifyTests.tierIndex),
                              until: until.flatMap { LocalDate(iso: $0) })
        }
    }

    static func tierIndex(_ id: String) -> Int? { ServiceFixture.policy.tiers.firstIndex { $0.id == id } }

    static func activation(_ id: String, device: Device, donor: String, _ card: CardKind, tier: String?, until: String?,
                           issued: String, hlc: Int64, pseudonym: String? = nil) -> WireEvent {
        Make.event(id, .cardActivated, house: device.house, device: device.id, donor: donor, hlc: Make.hlc(hlc, device.id),
                   CardActivatedPayload(donor: donor, card: card, date: LocalDate(iso: issued)!, validThrough: until.flatMap { LocalDate(iso: $0) },
                                        tier: tier, pseudonym: pseudonym ?? CardQR.pseudonym(donorKey: donor), keyID: device.id))
    }

    @Test(arguments: Backend.allCases)
    func everyStatusOfACardQRCode(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let kiosk = Kiosk()
            let (device, _) = try await Make.device(service, house: "h1", signingKey: kiosk.publicKey)
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            let payload = try kiosk.qr(donor: "d1", .annual, tier: "bronze", until: "2027-10-31")
            #expect(payload.count == 106)
            #expect(try await service.verify(payload).status == .unknownCertificate)
            let pushed = try await service.push(PushRequest(events: [Self.activation(
                "c1", device: device, donor: "d1", .annual, tier: "bronze", until: "2027-10-31", issued: "2026-11-01", hlc: 5_000)]), device: device)
            #expect(pushed.results.first?.status == .accepted)
            let valid = try await service.verify(payload)
            #expect(valid.status == .valid && valid.tier == "bronze" && valid.keyID == device.id && valid.issuedAt == LocalDate(iso: "2026-11-01"))
            #expect(valid.card == CardQR.Claims(pseudonym: CardQR.pseudonym(donorKey: "d1"), card: .annual, tierIndex: Self.tierIndex("bronze"),
                                                validThrough: LocalDate(iso: "2027-10-31")))

            // Altered: the tier byte changed after signing.
            var bytes = try #require(CardQR.unbase64url(payload))
            bytes[10] = UInt8(try #require(Self.tierIndex("gold")))
            #expect(try await service.verify(CardQR.base64url(bytes)).status == .badSignature)
            #expect(try await service.verify("not a qr").status == .malformed)
            #expect(try await service.verify(String(payload.dropLast(4))).status == .malformed)
            // Signed by a kiosk the centre does not know, for a donor it does not know either.
            #expect(try await service.verify(try Kiosk().qr(donor: "d1", .annual, tier: "bronze", until: "2027-10-31")).status == .badSignature)
            #expect(try await service.verify(try Kiosk().qr(donor: "d9", .annual, tier: nil, until: "2027-10-31")).status == .unknownCertificate)

            _ = try await service.push(PushRequest(events: [Self.activation(
                "c0", device: device, donor: "d1", .annual, tier: "bronze", until: "2025-10-31", issued: "2024-11-01", hlc: 1_000)]), device: device)
            // c0 is older than c1, so it is superseded before it is expired.
            #expect(try await service.verify(try kiosk.qr(donor: "d1", .annual, tier: "bronze", until: "2025-10-31")).status == .superseded)

            let honour = try kiosk.qr(donor: "d1", .honour, tier: "silver", until: nil)
            _ = try await service.push(PushRequest(events: [Self.activation(
                "c2", device: device, donor: "d1", .honour, tier: "silver", until: nil, issued: "2026-11-10", hlc: 9_000)]), device: device)
            #expect(try await service.verify(payload).status == .superseded)
            #expect(try await service.verify(honour).status == .valid)
            let revoke = Make.event("x1", .cardRevoked, house: "h1", device: device.id, donor: nil, CardRevokedPayload(activationID: "c2", reason: "issued in error"))
            _ = try await service.push(PushRequest(events: [revoke]), device: device)
            #expect(try await service.verify(honour).status == .revoked)
        }
    }

    @Test(arguments: Backend.allCases)
    func anExpiredCardAndACardWithAnotherDonorsPseudonym(_ backend: Backend) async throws {
        try await ServiceFixture.withService(backend) { service in
            let kiosk = Kiosk()
            let (device, _) = try await Make.device(service, house: "h1", signingKey: kiosk.publicKey)
            _ = try await service.push(PushRequest(events: [Make.registration("r1", house: "h1", device: device.id, donor: "d1")]), device: device)
            _ = try await service.push(PushRequest(events: [Self.activation(
                "c1", device: device, donor: "d1", .annual, tier: nil, until: "2026-11-19", issued: "2025-11-20", hlc: 1)]), device: device)
            #expect(try await service.verify(try kiosk.qr(donor: "d1", .annual, tier: nil, until: "2026-11-19")).status == .expired)
            let answer = try await service.push(PushRequest(events: [Self.activation(
                "c2", device: device, donor: "d1", .annual, tier: nil, until: "2026-11-19", issued: "2025-11-20", hlc: 2,
                pseudonym: CardQR.pseudonym(donorKey: "someone-else"))]), device: device)
            #expect(answer.results.first?.reason?.code == "pseudonym_mismatch")
        }
    }

    /// End to end over HTTP: a kiosk enrols with its signer's key, pushes the activation, and
    /// the code its signer made is checked by `POST /v1/verify`; a tampered, an expired and a
    /// revoked one are refused with their status.
    @Test func aKioskCodeVerifiesThroughTheHTTPEndpoint() async throws {
        try await HTTPFixture.withClient { service, client in
            let kiosk = Kiosk()
            _ = try await service.addHouse(id: "h1", name: "h1")
            let token = try await service.issueEnrollToken(house: "h1", hours: 1).token
            let enrolled = try await HTTPFixture.send(client, .post, "/v1/enroll",
                                                      body: HTTPFixture.json(EnrollRequest(token: token, signingKey: kiosk.publicKey)))
            let credential = try JSONDecoder().decode(EnrollResponse.self, from: enrolled.body)
            let device = credential.deviceID
            let events = [
                Make.registration("r1", house: "h1", device: device, donor: "d1"),
                Self.activation("c1", device: try #require(try await service.store.device(id: device)), donor: "d1", .annual,
                                tier: "bronze", until: "2027-06-30", issued: "2026-11-20", hlc: 2),
                Make.registration("r2", house: "h1", device: device, donor: "d2", idNumber: "140105198506150036"),
                Self.activation("c2", device: try #require(try await service.store.device(id: device)), donor: "d2", .annual,
                                tier: nil, until: "2026-11-01", issued: "2025-11-02", hlc: 3),
            ]
            let pushed = try await HTTPFixture.send(client, .post, "/v1/events", bearer: credential.bearer, body: HTTPFixture.json(PushRequest(events: events)))
            #expect(try JSONDecoder().decode(PushResponse.self, from: pushed.body).results.map(\.status) == [.accepted, .accepted, .accepted, .accepted])

            func verify(_ payload: String) async throws -> VerifyResponse {
                let answer = try await HTTPFixture.send(client, .post, "/v1/verify", bearer: credential.bearer, body: HTTPFixture.json(VerifyRequest(payload: payload)))
                #expect(answer.status == 200)
                return try JSONDecoder().decode(VerifyResponse.self, from: answer.body)
            }
            let code = try kiosk.qr(donor: "d1", .annual, tier: "bronze", until: "2027-06-30")
            let valid = try await verify(code)
            #expect(valid.status == .valid && valid.valid && valid.tier == "bronze")
            var bytes = try #require(CardQR.unbase64url(code))
            bytes[14] ^= 1  // one day later than signed
            #expect(try await verify(CardQR.base64url(bytes)).status == .badSignature)
            #expect(try await verify(try kiosk.qr(donor: "d2", .annual, tier: nil, until: "2026-11-01")).status == .expired)
            let revoke = Make.event("x1", .cardRevoked, house: "h1", device: device, donor: nil, CardRevokedPayload(activationID: "c1", reason: "lost"))
            _ = try await HTTPFixture.send(client, .post, "/v1/events", bearer: credential.bearer, body: HTTPFixture.json(PushRequest(events: [revoke])))
            let revoked = try await verify(code)
            #expect(revoked.status == .revoked && !revoked.valid)
        }
    }
}
