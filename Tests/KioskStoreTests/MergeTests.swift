import DonorCore
import Foundation
import KioskStore
import SyncWire
import Testing

@Suite("Duplicates, merge and undo")
struct MergeTests {
    @Test(arguments: StoreKind.allCases)
    func detectorProposesSameIDAndSameNameBirthSex(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        // The registry holds the same person twice (15- and 18-digit), and a passport record.
        let summary = try store.importDonors([
            Sample.donor(), Sample.donor("110105491231002", phone: nil),
            RegistryDonor(idNumber: "E12345678", documentType: .passport, name: "王小明", sex: .male, birthDate: date("1949-12-31")),
            Sample.donor(Sample.idB, name: "王小红", sex: .female, birth: "1980-01-01"),
        ], author: "admin")
        #expect(summary == ImportSummary(donors: 4, donations: 0, deferrals: 0))
        let first = try #require(try store.search(namePrefix: "王小明").first).id
        let all = try store.search(namePrefix: "王小明").map(\.id)
        #expect(all.count == 3)
        let candidates = try store.duplicateCandidates()
        #expect(candidates == [
            DuplicateCandidate(keep: all[0], merge: all[1], reason: .sameIDNumber),
            DuplicateCandidate(keep: all[0], merge: all[2], reason: .sameNameBirthDateSex),
        ])
        #expect(try store.duplicates(of: first).map(\.merge) == [all[1], all[2]])
    }

    @Test(arguments: StoreKind.allCases)
    func mergedHistoriesReadAsOneAndUndoSplitsThem(kind: StoreKind) throws {
        let fixture = try Fixture(kind)
        let store = fixture.store
        let keep = try store.registerDonor(Sample.donor(), author: "v1")
        let other = try store.registerDonor(
            RegistryDonor(idNumber: "E12345678", documentType: .passport, name: "王小明", sex: .male, birthDate: date("1949-12-31")),
            author: "v1")
        let d1 = try store.recordDonation(for: keep, DonationFacts(date: date("2025-01-01"), kind: .wholeBlood, volumeML: 400), author: "n")
        let d2 = try store.recordDonation(for: other, DonationFacts(date: date("2025-08-01"), kind: .platelets, doses: 2), author: "n")
        try store.addDeferral(to: other, rule: "cold", source: .staff, from: date("2025-08-01"), until: date("2025-08-08"), author: "n")

        let merge = try store.merge(other, into: keep, reason: "same person, passport record", author: "S001")
        #expect(try store.history(of: keep).map(\.id) == [d1.id, d2.id])
        #expect(try store.history(of: other).map(\.id) == [d1.id, d2.id])
        #expect(try store.deferrals(of: keep).map(\.rule) == ["cold"])
        #expect(try store.donor(id: other)?.mergedInto == keep)
        #expect(try store.donor(idNumber: "E12345678")?.id == keep)
        #expect(try store.file(of: other).donor.id == keep)
        #expect(try store.search(namePrefix: "王小明").map(\.id) == [keep])
        let again = #expect(throws: StoreError.self) { try store.merge(other, into: keep, reason: "again", author: "S001") }
        #expect(again?.code == .conflict)
        let selfMerge = #expect(throws: StoreError.self) { try store.merge(keep, into: other, reason: "loop", author: "S001") }
        #expect(selfMerge?.code == .conflict)

        try store.unmerge(merge, reason: "different people after all", author: "S001")
        #expect(try store.history(of: keep).map(\.id) == [d1.id])
        #expect(try store.history(of: other).map(\.id) == [d2.id])
        #expect(try store.donor(id: other)?.mergedInto == nil)
        let twice = #expect(throws: StoreError.self) { try store.unmerge(merge, reason: "again", author: "S001") }
        #expect(twice?.code == .conflict)
        #expect(try store.events(of: keep).map(\.kind).suffix(2) == [.donorMerged, .donorUnmerged])
    }
}
