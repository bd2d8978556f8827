import DonorCore
import Foundation
import KioskStore
import SyncWire
import Testing

@Suite("Donors: registration and lookup")
struct DonorLookupTests {
    @Test(arguments: StoreKind.allCases)
    func registeredDonorIsFoundByIDNumberAsTypedOrScanned(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let id = try store.registerDonor(Sample.donor(), author: "v1")
        let found = try #require(try store.donor(idNumber: Sample.idA))
        #expect(found.id == id)
        #expect(found.idNumber == Sample.idA)
        #expect(found.name == "王小明")
        #expect(found.sex == .male)
        #expect(found.birthDate == date("1949-12-31"))
        #expect(found.phone == Sample.phoneA)
        #expect(found.bloodType == BloodType("A+"))
        #expect(found.mergedInto == nil)
        #expect(found.fromRegistry == false)
        #expect(found.maskedIDNumber == "1101**********002X")
        #expect(found.maskedPhone == "139****5678")
        // Lower-case x, spaces, full-width digits and the legacy 15-digit form all find it.
        #expect(try store.donor(idNumber: "110105 19491231 002x")?.id == id)
        #expect(try store.donor(idNumber: "１１０１０５１９４９１２３１００２Ｘ")?.id == id)
        #expect(try store.donor(idNumber: "110105491231002")?.id == id)
        #expect(try store.donor(idNumber: Sample.idB) == nil)
        #expect(try store.donor(id: id) == found)
    }

    @Test(arguments: StoreKind.allCases)
    func printingADonorMasksIDAndPhone(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        try store.registerDonor(Sample.donor(), author: "v1")
        let found = try #require(try store.donor(idNumber: Sample.idA))
        let printed = "\(found) \(String(reflecting: found))"
        #expect(!printed.contains(Sample.idA))
        #expect(!printed.contains(Sample.phoneA))
    }

    @Test(arguments: StoreKind.allCases)
    func secondRegistrationOfTheSameNumberIsRefused(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        try store.registerDonor(Sample.donor(), author: "v1")
        let error = #expect(throws: StoreError.self) { try store.registerDonor(Sample.donor(name: "别人"), author: "v1") }
        #expect(error?.code == .duplicateDonor)
        #expect(error?.field == "id_number")
        #expect(error?.message.contains(Sample.idA) == false)
        #expect(try store.counts().donors == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func phoneLookupIgnoresCountryPrefixAndSeparators(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let a = try store.registerDonor(Sample.donor(), author: "v1")
        let b = try store.registerDonor(Sample.donor(Sample.idB, name: "王小红", sex: .female, birth: "1980-01-01"), author: "v1")
        #expect(try store.donors(phone: "+86 139-1234-5678").map(\.id) == [a, b])
        #expect(try store.donors(phone: "13900000000").isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func namePrefixSearchNarrowsByBirthYear(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let a = try store.registerDonor(Sample.donor(name: "王小明", birth: "1949-12-31"), author: "v1")
        let b = try store.registerDonor(Sample.donor(Sample.idB, name: "王小红", sex: .female, birth: "1980-01-01"), author: "v1")
        try store.importDonors(Sample.registry(count: 3), author: "admin")
        #expect(try store.search(namePrefix: "王小").map(\.id) == [a, b]) // 明 U+660E sorts before 红 U+7EA2
        #expect(try store.search(namePrefix: "王小", birthYear: 1949).map(\.id) == [a])
        #expect(try store.search(namePrefix: "王小", birthYear: 1950).isEmpty)
        #expect(try store.search(namePrefix: "献血者").map(\.name) == ["献血者0", "献血者1", "献血者2"])
        #expect(try store.search(namePrefix: "献血者", limit: 2).count == 2)
        #expect(try store.search(namePrefix: " ").isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func registrationWritesOneEncryptedEventToTheOutbox(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let id = try store.registerDonor(Sample.donor(), author: "v1")
        let pending = try store.pendingOutbox()
        #expect(pending.count == 1)
        let event = try #require(pending.first)
        #expect(event.kind == .donorRegistered)
        #expect(event.author == "v1")
        #expect(event.device == store.deviceID)
        #expect(event.payload == .donorRegistered(DonorRegisteredPayload(
            donor: id.rawValue, idNumber: Sample.idA, documentType: .residentID, name: "王小明", sex: .male,
            birthDate: date("1949-12-31"), phone: Sample.phoneA, bloodType: "A+")))
        // The envelope round-trips through JSON for the wire.
        let decoded = try JSONDecoder().decode(EventEnvelope.self, from: try JSONEncoder().encode(event))
        #expect(decoded == event)
        try store.markSent([event.id])
        #expect(try store.pendingOutbox().isEmpty)
        #expect(try store.counts().events == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func missingNameIsRefusedNamingTheField(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let error = #expect(throws: StoreError.self) { try store.registerDonor(Sample.donor(name: "  "), author: "v1") }
        #expect(error?.code == .invalidInput)
        #expect(error?.field == "name")
    }
}
