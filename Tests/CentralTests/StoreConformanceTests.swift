import Central
import Foundation
import SyncWire
import Testing

/// One suite, both stores: every test runs against SQLite (GRDB) and PostgreSQL (postgres-nio).
/// Expects `body` to throw `StoreError.conflict`.
func expectConflict(_ body: () async throws -> Void) async throws {
    do {
        try await body()
        Issue.record("expected a StoreError.conflict, nothing was thrown")
    } catch let error as StoreError {
        #expect(error.code == .conflict)
    }
}

@Suite("CentralStore conformance")
struct StoreConformanceTests {
    static func event(_ id: String, kind: EventKind = .donationRecorded, donor: String? = "d1", house: String = "h1") -> WireEvent {
        WireEvent(id: id, kind: kind.rawValue, house: house, device: "dev-1", author: "a", hlc: Make.hlc(1_000), donorKey: donor,
                  payload: .object(["n": .number(1)]))
    }

    static func batch(_ events: [WireEvent], city: String = "taiyuan") -> WriteBatch {
        var batch = WriteBatch(receivedAt: 100)
        batch.events = events.map { ($0, city) }
        return batch
    }

    @Test(arguments: Backend.allCases)
    func housesRoundTripAndADuplicateIdIsAConflict(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            try await store.addHouse(House(id: "h1", name: "一号屋 'quoted'; DROP TABLE houses;--", city: "taiyuan", createdAt: 5))
            try await expectConflict { try await store.addHouse(House(id: "h1", name: "again", city: "taiyuan", createdAt: 6)) }
            try await store.touchHouse(id: "h1", at: 42)
            let houses = try await store.houses()
            #expect(houses == [House(id: "h1", name: "一号屋 'quoted'; DROP TABLE houses;--", city: "taiyuan", createdAt: 5, lastSyncAt: 42)])
        }
    }

    @Test(arguments: Backend.allCases)
    func anEnrolmentTokenWorksOnceAndNotAfterItExpires(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            try await store.addHouse(House(id: "h1", name: "H", city: "taiyuan", createdAt: 0))
            try await store.addEnrollToken(hash: "t1", house: "h1", createdAt: 0, expiresAt: 100)
            try await store.addEnrollToken(hash: "t2", house: "h1", createdAt: 0, expiresAt: 100)
            #expect(try await store.consumeEnrollToken(hash: "t1", now: 50) == "h1")
            #expect(try await store.consumeEnrollToken(hash: "t1", now: 51) == nil)
            #expect(try await store.consumeEnrollToken(hash: "t2", now: 100) == nil)
            #expect(try await store.consumeEnrollToken(hash: "nope", now: 1) == nil)
        }
    }

    @Test(arguments: Backend.allCases)
    func aRevokedDeviceKeepsItsFirstRevocationTime(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            try await store.addHouse(House(id: "h1", name: "H", city: "taiyuan", createdAt: 0))
            try await store.addDevice(Device(id: "dev-1", house: "h1", name: "k", secretHash: "abc", signingKey: nil, createdAt: 1))
            #expect(try await store.revokeDevice(id: "dev-1", at: 10))
            #expect(try await store.revokeDevice(id: "dev-1", at: 20))
            #expect(try await store.revokeDevice(id: "dev-x", at: 20) == false)
            #expect(try await store.device(id: "dev-1")?.revokedAt == 10)
            #expect(try await store.devices().count == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func commitAssignsConsecutiveSequencesAndADuplicateWritesNothing(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            #expect(try await store.commit(Self.batch([Self.event("a"), Self.event("b")])) == [1, 2])
            var duplicate = Self.batch([Self.event("a"), Self.event("c")])
            duplicate.flags = [ReviewFlag(kind: "x", donorKey: "d1", eventIDs: ["a"], message: "m", createdAt: 1)]
            try await expectConflict { try await store.commit(duplicate) }
            #expect(try await store.lastSequence() == 2)
            #expect(try await store.event(id: "c") == nil)
            #expect(try await store.flags().isEmpty)
            #expect(try await store.commit(Self.batch([Self.event("c")])) == [3])
            #expect(try await store.event(id: "b")?.event == Self.event("b"))
        }
    }

    @Test(arguments: Backend.allCases)
    func changesFilterByCityKindAndRangeInSequenceOrder(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            try await store.commit(Self.batch([Self.event("1"), Self.event("2", kind: .vitalsSaved)]))
            try await store.commit(Self.batch([Self.event("3")], city: "hangzhou"))
            try await store.commit(Self.batch([Self.event("4"), Self.event("5")]))
            let kinds = [EventKind.donationRecorded.rawValue]
            let all = try await store.changes(city: "taiyuan", kinds: kinds, after: 0, upTo: nil, limit: 10)
            #expect(all.map(\.seq) == [1, 4, 5])
            #expect(try await store.changes(city: "taiyuan", kinds: kinds, after: 1, upTo: 4, limit: 10).map(\.event.id) == ["4"])
            #expect(try await store.changes(city: "taiyuan", kinds: kinds, after: 0, upTo: nil, limit: 2).map(\.event.id) == ["1", "4"])
            #expect(try await store.events(kinds: [EventKind.vitalsSaved.rawValue]).map(\.event.id) == ["2"])
            #expect(try await store.events(donorKeys: ["d1"]).count == 5)
        }
    }

    @Test(arguments: Backend.allCases)
    func theQuarantineKeepsTheFirstCopyOfAnEvent(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            let item = QuarantinedEvent(eventID: "q1", house: "h1", device: "dev-1", kind: "donation.recorded", code: "invalid_volume",
                                        message: "first", body: "{}", receivedAt: 1)
            try await store.quarantine(item)
            var second = item
            second.message = "second"
            try await store.quarantine(second)
            #expect(try await store.quarantined(limit: 10) == [item])
            #expect(try await store.quarantined(eventID: "q1") == item)
        }
    }

    @Test(arguments: Backend.allCases)
    func aMergeRepointsTheLoserAndEveryKeyMergedIntoIt(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            var batch = Self.batch([Self.event("r1", kind: .donorRegistered, donor: "k1")])
            batch.donors = [DonorRecord(key: "k1", idHash: "H", house: "h1", registeredHLC: "2", registrationEventID: "r1")]
            try await store.commit(batch)
            batch = Self.batch([Self.event("r2", kind: .donorRegistered, donor: "k2")])
            batch.donors = [DonorRecord(key: "k2", idHash: "H", house: "h2", registeredHLC: "3", registrationEventID: "r2", mergedInto: "k1")]
            try await store.commit(batch)
            #expect(try await store.donor(idHash: "H")?.key == "k1")
            // An earlier registration arrives: k0 wins, k1 and k2 now point at it.
            batch = Self.batch([Self.event("r0", kind: .donorRegistered, donor: "k0")])
            batch.donors = [DonorRecord(key: "k0", idHash: "H", house: "h3", registeredHLC: "1", registrationEventID: "r0")]
            batch.merges = [(from: "k1", into: "k0")]
            try await store.commit(batch)
            #expect(try await store.donor(idHash: "H")?.key == "k0")
            #expect(try await store.donorKeys(canonical: "k0") == ["k0", "k1", "k2"])
            #expect(try await store.donor(key: "k2")?.mergedInto == "k0")
        }
    }

    @Test(arguments: Backend.allCases)
    func flagsAndCertificatesRoundTripAndRevoke(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            var batch = Self.batch([Self.event("c1", kind: .cardActivated)])
            batch.flags = [ReviewFlag(kind: "interval_conflict", donorKey: "d1", eventIDs: ["x", "y"], message: "m", createdAt: 9)]
            let certificate = CertificateRecord(activationID: "c1", donorKey: "d1", pseudonym: "p", card: "annual", tier: "blue",
                                                validThrough: "2027-01-01", issuedAt: "2026-01-02", keyID: "dev-1", hlc: "h")
            batch.certificates = [certificate]
            try await store.commit(batch)
            var revoke = Self.batch([Self.event("c2", kind: .cardRevoked, donor: nil)])
            revoke.revokedCertificates = ["c1"]
            try await store.commit(revoke)
            #expect(try await store.flags().map(\.eventIDs) == [["x", "y"]])
            var revoked = certificate
            revoked.revoked = true
            #expect(try await store.certificates(pseudonym: "p") == [revoked])
            #expect(try await store.certificates().count == 1)
        }
    }

    @Test(arguments: Backend.allCases)
    func migratingTwiceChangesNothing(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            try await store.commit(Self.batch([Self.event("a")]))
            try await store.migrate()
            #expect(try await store.lastSequence() == 1)
        }
    }

    /// Many writers commit at once while readers follow with cursors: every reader sees every
    /// event exactly once, in strictly consecutive sequence order. A store that let seq N + 1
    /// become visible before N would make a reader skip N for ever, which this catches.
    @Test(arguments: Backend.allCases)
    func concurrentCommitsAndPullsNeverSkipOrReorder(_ backend: Backend) async throws {
        try await StoreFixture.withStore(backend) { store in
            let writers = 8, perWriter = 25, total = writers * perWriter
            let kinds = [EventKind.donationRecorded.rawValue]
            try await withThrowingTaskGroup(of: [Int64].self) { group in
                for reader in 0..<3 {
                    group.addTask {
                        var cursor: Int64 = 0, seen: [Int64] = []
                        // A safety net only: on a loaded machine the 200 fsynced commits have taken
                        // over a minute, and a reader that gives up early is not what is tested.
                        let deadline = ContinuousClock.now + .seconds(600)
                        while seen.count < total && ContinuousClock.now < deadline {
                            let page = try await store.changes(city: "taiyuan", kinds: kinds, after: cursor, upTo: nil, limit: 7 + reader)
                            seen += page.map(\.seq)
                            cursor = page.last?.seq ?? cursor
                            // Nothing new: let the writers have the cores instead of spinning.
                            if page.isEmpty { try await Task.sleep(for: .milliseconds(5)) }
                        }
                        return seen
                    }
                }
                for w in 0..<writers {
                    group.addTask {
                        for i in 0..<perWriter { try await store.commit(Self.batch([Self.event("w\(w)-\(i)")])) }
                        return []
                    }
                }
                for try await seen in group where !seen.isEmpty {
                    #expect(seen == Array(1...Int64(total)))
                }
            }
        }
    }
}
