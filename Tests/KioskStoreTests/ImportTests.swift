import DonorCore
import Foundation
import KioskStore
import Testing

@Suite("Registry import")
struct ImportTests {
    @Test(arguments: StoreKind.allCases)
    func importStoresDonorsAndHistoriesWithoutEvents(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let registry = Sample.registry(count: 200)
        let summary = try store.importDonors(registry, author: "admin")
        #expect(summary == ImportSummary(donors: 200, donations: 600, deferrals: 0))
        #expect(try store.counts() == StoreCounts(donors: 200, donations: 600, deferrals: 0, events: 0, pendingOutbox: 0))
        let found = try #require(try store.donor(idNumber: registry[117].idNumber))
        #expect(found.name == "献血者117")
        #expect(found.fromRegistry)
        #expect(found.phone == "13900000117")
        #expect(try store.history(of: found.id).map(\.date) == [date("2020-03-01"), date("2021-03-01"), date("2022-03-01")])
        #expect(try store.audit(action: "registry.import").map(\.detail) == ["200 donors, 600 donations, 0 deferrals"])
    }

    @Test(arguments: StoreKind.allCases)
    func failedImportLeavesTheStoreAsItWas(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        try store.registerDonor(Sample.donor(), author: "v1")
        let before = try store.counts()
        var registry = Sample.registry(count: 1000)
        registry[500].name = "" // breaks the donor_name CHECK constraint in the middle
        let error = #expect(throws: StoreError.self) { try store.importDonors(registry, author: "admin") }
        #expect(error?.code == .constraint)
        #expect(error?.message == "donor 501 of 1000: a record broke the rule donor_name")
        #expect(try store.counts() == before)
        #expect(try store.donor(idNumber: registry[0].idNumber) == nil)
        #expect(try store.audit(action: "registry.import").isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func duplicateDonationIDInTheMiddleAlsoRollsBack(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        var registry = Sample.registry(count: 20)
        registry[4].history[0].id = "registry-donation-1"
        registry[10].history[1].id = "registry-donation-1" // breaks UNIQUE donations.uid
        let error = #expect(throws: StoreError.self) { try store.importDonors(registry, author: "admin") }
        #expect(error?.field == "donations.uid")
        #expect(error?.message == "donor 11 of 20, donation 32: a record broke the rule donations.uid")
        #expect(try store.counts() == StoreCounts(donors: 0, donations: 0, deferrals: 0, events: 0, pendingOutbox: 0))
    }
}
