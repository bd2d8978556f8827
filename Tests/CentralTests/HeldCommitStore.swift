@testable import Central
import SyncWire

/// A real store whose commits a test can hold open and then let through or fail, to build the
/// moment a group of pushes is planned while the group before it commits. Every other call
/// goes straight to the real store underneath.
final class HeldCommitStore: CentralStore {
    let base: any CentralStore
    let control = CommitControl()

    init(_ base: any CentralStore) { self.base = base }

    func commit(_ batch: WriteBatch) async throws -> [Int64] {
        try await control.enter()
        return try await base.commit(batch)
    }

    func events(donorKeys: [String]) async throws -> [StoredEvent] {
        await control.read(donorKeys: donorKeys)
        return try await base.events(donorKeys: donorKeys)
    }

    func migrate() async throws { try await base.migrate() }
    func close() async { await base.close() }
    func addHouse(_ house: House) async throws { try await base.addHouse(house) }
    func houses() async throws -> [House] { try await base.houses() }
    func house(id: String) async throws -> House? { try await base.house(id: id) }
    func touchHouse(id: String, at: Int64) async throws { try await base.touchHouse(id: id, at: at) }
    func addEnrollToken(hash: String, house: String, createdAt: Int64, expiresAt: Int64) async throws {
        try await base.addEnrollToken(hash: hash, house: house, createdAt: createdAt, expiresAt: expiresAt)
    }
    func consumeEnrollToken(hash: String, now: Int64) async throws -> String? { try await base.consumeEnrollToken(hash: hash, now: now) }
    func addDevice(_ device: Device) async throws { try await base.addDevice(device) }
    func device(id: String) async throws -> Device? { try await base.device(id: id) }
    func devices() async throws -> [Device] { try await base.devices() }
    func revokeDevice(id: String, at: Int64) async throws -> Bool { try await base.revokeDevice(id: id, at: at) }
    func event(id: String) async throws -> StoredEvent? { try await base.event(id: id) }
    func storedEventIDs(among ids: [String]) async throws -> Set<String> { try await base.storedEventIDs(among: ids) }
    func events(kinds: [String]) async throws -> [StoredEvent] { try await base.events(kinds: kinds) }
    func changes(city: String, kinds: [String], after: Int64, upTo: Int64?, limit: Int) async throws -> [StoredEvent] {
        try await base.changes(city: city, kinds: kinds, after: after, upTo: upTo, limit: limit)
    }
    func lastSequence() async throws -> Int64 { try await base.lastSequence() }
    func quarantine(_ item: QuarantinedEvent) async throws { try await base.quarantine(item) }
    func quarantined(eventID: String) async throws -> QuarantinedEvent? { try await base.quarantined(eventID: eventID) }
    func quarantined(limit: Int) async throws -> [QuarantinedEvent] { try await base.quarantined(limit: limit) }
    func quarantined(eventIDs: [String]) async throws -> [QuarantinedEvent] { try await base.quarantined(eventIDs: eventIDs) }
    func donor(idHash: String) async throws -> DonorRecord? { try await base.donor(idHash: idHash) }
    func donor(key: String) async throws -> DonorRecord? { try await base.donor(key: key) }
    func donors(idHashes: [String]) async throws -> [DonorRecord] { try await base.donors(idHashes: idHashes) }
    func donorFamilies(keys: [String]) async throws -> [DonorRecord] { try await base.donorFamilies(keys: keys) }
    func donorKeys(canonical key: String) async throws -> [String] { try await base.donorKeys(canonical: key) }
    func flags() async throws -> [ReviewFlag] { try await base.flags() }
    func certificates(pseudonym: String) async throws -> [CertificateRecord] { try await base.certificates(pseudonym: pseudonym) }
    func certificates() async throws -> [CertificateRecord] { try await base.certificates() }
}

/// What `HeldCommitStore` does with commits, and what it saw.
actor CommitControl {
    private var holding = false
    private var held: [CheckedContinuation<Void, Never>] = []
    private var failure: (any Error)?
    /// Commits waiting to be let through now.
    var heldCount: Int { held.count }
    /// Donor keys whose events were read while a commit was held.
    private(set) var readWhileHeld: Set<String> = []

    /// Commits from now on wait for `release`.
    func hold() { holding = true }

    /// Lets every held commit through, or makes each fail with `error` (writing nothing).
    func release(failing error: (any Error)? = nil) {
        holding = false
        failure = error
        for commit in held { commit.resume() }
        held = []
    }

    func enter() async throws {
        if holding { await withCheckedContinuation { held.append($0) } }
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    func read(donorKeys: [String]) {
        if !held.isEmpty { readWhileHeld.formUnion(donorKeys) }
    }
}
