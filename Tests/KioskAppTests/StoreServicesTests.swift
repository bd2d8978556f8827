import Crypto
import DonorCore
import Foundation
import KioskApp
import KioskStore
import SyncWire
import Testing

/// `StoreKioskServices` on a real `KioskStore` (in memory and on disk), and the card signature
/// a gate checks with the public key alone.
@Suite struct StoreServicesTests {
    /// Services over an in-memory store the test also reads directly.
    static func servicesAndStore() throws -> (StoreKioskServices, KioskStore) {
        let store = try KioskStore.inMemory()
        _ = try store.importDonors(Fixture.donors, author: "test")
        let signer = Ed25519CardSigner(key: Curve25519.Signing.PrivateKey())
        return (StoreKioskServices(store: store, policy: Fixture.policy, signer: signer, today: { Fixture.today }), store)
    }

    /// A supervisor's void that takes away the donation a card was activated for withdraws
    /// that card in the same transaction (`card.revoked`, with the void's reason); a card that
    /// did not stand on the voided donation stays.
    @Test func voidingTheDonationBehindACardWithdrawsTheCardAndOnlyThatOne() async throws {
        let (services, store) = try Self.servicesAndStore()
        let record = try #require(try await services.donor(idNumber: Fixture.regularID))
        let donor = DonorID(record.id)
        // The card of last year's donation (through 2026-09-30), activated.
        let old = CardStatus(history: record.donor.history, on: Fixture.today, policy: Fixture.policy)
        _ = try await services.activateCard(donorID: record.id, status: old, by: "2001")
        // Today's donation extends it to 2027-06-30, activated again.
        let today = try await Self.donateAndActivate(services, store, record, bag: 7)
        let records = try store.activationRecords(of: donor)
        #expect(records.map(\.activation.validThrough) == [LocalDate(year: 2026, month: 9, day: 30), LocalDate(year: 2027, month: 6, day: 30)])

        try await services.voidDonation(id: today.id, reason: "登记错人", by: "3001")
        // Only the extension's activation is withdrawn; last year's card is in force again, as activated.
        #expect(try store.activationRecords(of: donor) == [records[0]])
        let revoked = try store.pendingOutbox().compactMap { envelope -> CardRevokedPayload? in
            if case .cardRevoked(let p) = envelope.payload { return p } else { return nil }
        }
        #expect(revoked == [CardRevokedPayload(activationID: records[1].eventID, reason: "登记错人")])
        let now = CardStatus(history: try store.history(of: donor), on: Fixture.today, policy: Fixture.policy)
        #expect(try await services.activeCard(donorID: record.id, status: now)?.validThrough == LocalDate(year: 2026, month: 9, day: 30))
    }

    /// A correction to "not drawn" takes the donation away as a void does: its card goes too.
    @Test func correctingTheDonationBehindACardToNotDrawnWithdrawsTheCard() async throws {
        let (services, store) = try Self.servicesAndStore()
        let record = try #require(try await services.donor(idNumber: Fixture.regularID))
        let donor = DonorID(record.id)
        let today = try await Self.donateAndActivate(services, store, record, bag: 6)
        #expect(try store.activationRecords(of: donor).count == 1)
        try await services.correctDonation(DonationCorrection(donationID: today.id, donorID: record.id, volumeML: 400, doses: nil,
                                                              outcome: .notDrawn, reason: "未采出"), by: "3001")
        #expect(try store.activationRecords(of: donor).isEmpty)
        // A correction that keeps the card (400 ml to 300 ml, still complete) withdraws nothing.
        let again = try await Self.donateAndActivate(services, store, record, bag: 8)
        try await services.correctDonation(DonationCorrection(donationID: again.id, donorID: record.id, volumeML: 300, doses: nil,
                                                              outcome: .complete, reason: "称重后更正"), by: "3001")
        #expect(try store.activationRecords(of: donor).count == 1)
    }

    /// Records 400 ml of whole blood today for `record` and activates the card it makes.
    static func donateAndActivate(_ services: StoreKioskServices, _ store: KioskStore, _ record: DonorRecord, bag: Int) async throws -> Donation {
        let facts = CollectionFacts(
            donorID: record.id, date: Fixture.today, kind: .wholeBlood, volumeML: 400, doses: nil,
            bagNumber: Fixture.bag(bag), started: "09:10", ended: "09:20", outcome: .complete, reaction: nil)
        let donation = try await services.recordDonation(facts, by: "2001")
        let status = CardStatus(history: try store.history(of: DonorID(record.id)), on: Fixture.today, policy: Fixture.policy)
        _ = try await services.activateCard(donorID: record.id, status: status, by: "2001")
        return donation
    }

    /// A withdrawal that names no activation in force fails the void with it: nothing written.
    @Test func aVoidWhoseWithdrawalFailsWritesNothing() async throws {
        let (services, store) = try Self.servicesAndStore()
        let record = try #require(try await services.donor(idNumber: Fixture.regularID))
        let donation = try #require(record.donor.history.first)
        let waiting = try store.pendingOutbox().count
        #expect(throws: StoreError.self) { try store.voidDonation(donation.id, reason: "登记错人", author: "3001", revoking: ["no-such-activation"]) }
        #expect(try store.history(of: DonorID(record.id)).first?.voided == false)
        #expect(try store.pendingOutbox().count == waiting)
    }

    static func services(onDisk: Bool) throws -> (StoreKioskServices, Ed25519CardSigner, URL?) {
        var folder: URL?
        let store: KioskStore
        if onDisk {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-store-\(UUID().uuidString.prefix(8))")
            folder = url
            store = try KioskStore.open(directory: url.path, keyFile: url.appendingPathComponent("kiosk.key").path, deviceName: "test")
        } else {
            store = try KioskStore.inMemory()
        }
        try store.createStaff(number: "2001", name: "李护士", role: .nurse, pin: "222222", author: "test")
        _ = try store.importDonors(Fixture.donors, author: "test")
        let signer = Ed25519CardSigner(key: Curve25519.Signing.PrivateKey())
        return (StoreKioskServices(store: store, policy: Fixture.policy, signer: signer, today: { Fixture.today }), signer, folder)
    }

    @Test(arguments: [false, true]) func queueDonationUsedBagAndSignedCard(onDisk: Bool) async throws {
        let (services, signer, folder) = try Self.services(onDisk: onDisk)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let session = try await services.signIn(number: "2001", pin: "222222")
        #expect(session.role == .nurse)
        await #expect(throws: ServiceError.wrongPIN) { _ = try await services.signIn(number: "2001", pin: "000000") }

        let record = try #require(try await services.donor(idNumber: Fixture.regularID))
        #expect(record.donor.history.count == 1)
        let entry = try await services.enqueue(donorID: record.id, procedure: .wholeBlood, overrides: [], by: "2001")
        #expect(entry.number == 1)
        #expect(entry.maskedID == Masked.id(record.donor))
        #expect(try await services.queue(on: Fixture.today).map(\.stage) == [.waiting])

        let facts = CollectionFacts(
            donorID: record.id, date: Fixture.today, kind: .wholeBlood, volumeML: 400, doses: nil,
            bagNumber: Fixture.bag(9), started: "09:10", ended: "09:20", outcome: .complete, reaction: nil)
        _ = try await services.recordDonation(facts, by: "2001")
        await #expect(throws: ServiceError.bagUsed) { _ = try await services.recordDonation(facts, by: "2001") }
        #expect(try await services.queue(on: Fixture.today).map(\.stage) == [.donated])

        let updated = try #require(try await services.donor(id: record.id))
        let status = CardStatus(history: updated.donor.history, on: Fixture.today, policy: Fixture.policy)
        let signed = try await services.activateCard(donorID: record.id, status: status, by: "2001")
        #expect(signed.card == .annual)
        #expect(signed.validThrough == LocalDate(year: 2027, month: 6, day: 30))
        let claims = try #require(Ed25519CardSigner.verify(qrText: signed.qrText, publicKey: signer.publicKey))
        #expect(claims == CardQR.Claims(pseudonym: CardQR.pseudonym(donorKey: record.id), card: .annual, tierIndex: claims.tierIndex,
                                        validThrough: LocalDate(year: 2027, month: 6, day: 30)))
        #expect(signed.qrText.count == 106)
        let tampered = String(signed.qrText.dropFirst()) + "A"
        #expect(Ed25519CardSigner.verify(qrText: tampered, publicKey: signer.publicKey) == nil)

        let figures = try await services.dayFigures(on: Fixture.today)
        #expect(figures.donationsByProcedure[.wholeBlood] == 1)
        #expect(figures.volumeML == 400)
        #expect(figures.activationsByCard[.annual] == 1)
        #expect(figures.donationsByHour[9] == 1)
        #expect(try await services.queue(on: Fixture.today).map(\.stage) == [.activated])
        #expect(await services.syncStatus().pendingEvents >= 2)
    }

    /// The card now in force has a QR code only once a volunteer activated that very card: a
    /// donation that extends the annual card makes a new one, to be activated again.
    @Test func onlyTheCardNowInForceAsActivatedCountsAsActive() async throws {
        let (services, _, folder) = try Self.services(onDisk: true)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        var record = try #require(try await services.donor(idNumber: Fixture.regularID))
        // The card before today's donation, then the one the donation makes: neither is active
        // until activated, and each is once it is.
        for (step, until) in [LocalDate(year: 2026, month: 9, day: 30), LocalDate(year: 2027, month: 6, day: 30)].enumerated() {
            if step == 1 {
                let facts = CollectionFacts(
                    donorID: record.id, date: Fixture.today, kind: .wholeBlood, volumeML: 400, doses: nil,
                    bagNumber: Fixture.bag(5), started: "09:10", ended: "09:20", outcome: .complete, reaction: nil)
                _ = try await services.recordDonation(facts, by: "2001")
                record = try #require(try await services.donor(id: record.id))
            }
            let status = CardStatus(history: record.donor.history, on: Fixture.today, policy: Fixture.policy)
            #expect(status.annual?.validThrough == until)
            #expect(try await services.activeCard(donorID: record.id, status: status) == nil)
            let signed = try await services.activateCard(donorID: record.id, status: status, by: "2001")
            #expect(try await services.activeCard(donorID: record.id, status: status) == signed)
        }
    }

    @Test func aCorrectionChangesAmountAndOutcomeKeepsTheBagAndIsANewEvent() async throws {
        let (services, _, folder) = try Self.services(onDisk: true)
        defer { if let folder { try? FileManager.default.removeItem(at: folder) } }
        let record = try #require(try await services.donor(idNumber: Fixture.regularID))
        let facts = CollectionFacts(
            donorID: record.id, date: Fixture.today, kind: .wholeBlood, volumeML: 400, doses: nil,
            bagNumber: Fixture.bag(8), started: "09:10", ended: "09:20", outcome: .complete, reaction: nil)
        let donation = try await services.recordDonation(facts, by: "2001")
        let before = await services.syncStatus().pendingEvents

        let change = DonationCorrection(donationID: donation.id, donorID: record.id, volumeML: 300, doses: nil,
                                        outcome: .lowVolume, reason: "称重后更正")
        try await services.correctDonation(change, by: "3001")

        let corrected = try #require(try await services.donor(id: record.id)?.donor.history.first { $0.id == donation.id })
        #expect(corrected.volumeML == 300)
        #expect(corrected.outcome == .lowVolume)
        #expect(corrected.date == Fixture.today)
        let events = try services.store.events(of: DonorID(record.id))
        guard case .donationCorrected(let payload)? = events.last?.payload else { Issue.record("no correction event"); return }
        #expect(payload.facts.started == "09:10" && payload.facts.ended == "09:20")
        #expect(payload.facts.bagNumber == Fixture.bag(8))
        #expect(payload.reason == "称重后更正")
        #expect(await services.syncStatus().pendingEvents == before + 1)
        // The bag keeps its number: a second donation with it is still refused.
        var again = facts
        again.volumeML = 200
        await #expect(throws: ServiceError.bagUsed) { _ = try await services.recordDonation(again, by: "2001") }
        let empty = DonationCorrection(donationID: donation.id, donorID: record.id, volumeML: 200, doses: nil, outcome: .complete, reason: " ")
        await #expect(throws: ServiceError.self) { try await services.correctDonation(empty, by: "3001") }
        #expect(try await services.donor(id: record.id)?.donor.history.first { $0.id == donation.id }?.volumeML == 300)
    }

    @Test func signingKeyIsCreatedOnceWithMode0600BesideTheKeyFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-key-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("kiosk.key").path
        let first = try Ed25519CardSigner.loadOrCreate(besideKeyFile: keyFile)
        let second = try Ed25519CardSigner.loadOrCreate(besideKeyFile: keyFile)
        #expect(first.publicKey == second.publicKey)
        let path = folder.appendingPathComponent(Ed25519CardSigner.fileName).path
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
