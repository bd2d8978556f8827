import SyncWire

/// What ingest reads while it plans a group of pushed events: the committed state, read from
/// the store in a few batched queries and cached, with the group's own planned writes laid
/// over it. The tenth event of a group therefore sees the first nine exactly as if each had
/// been committed alone, and the group is written with one `commit`.
///
/// Pipelining: a group may be planned while the group before it commits. Its view then takes
/// that group's writes (`after`) as committed, laid over whatever the store answers, which may
/// or may not include them yet: its events come after the stored ones, its donor rows replace
/// the stored ones, its ids count as stored and its rejections as kept.
///
/// Used by one task behind the serial gate, never shared. The cache is authoritative for every
/// donor row it holds: a row is loaded before the group changes it (a merge loads the family
/// of the key it moves first), so the final rows can be written as they stand.
final class IngestView {
    let store: any CentralStore
    private var checkedIDs: Set<String> = []
    private var checkedQuarantine: Set<String> = []
    private var storedIDs: Set<String> = []
    private var quarantine: [String: QuarantinedEvent] = [:]
    private var donorRows: [String: DonorRecord] = [:]
    private var absentKeys: Set<String> = []
    private var keysByHash: [String: Set<String>] = [:]
    private var children: [String: Set<String>] = [:]
    private var loadedFamilies: Set<String> = []
    private var loadedHashes: Set<String> = []
    private var committedEvents: [String: [StoredEvent]] = [:]
    private var lookedUp: [String: WireEvent?] = [:]
    /// The committing group's events, by id and by donor key with their position in that group.
    private var earlierByID: [String: WireEvent] = [:]
    private var earlierByKey: [String: [(index: Int, event: WireEvent)]] = [:]
    /// The group's events by donor key, each with its position in the group.
    private var pendingByKey: [String: [(index: Int, event: WireEvent)]] = [:]
    private var pendingByID: [String: WireEvent] = [:]
    private var changedKeys: [String] = []
    private var changedSet: Set<String> = []
    private(set) var batch: WriteBatch

    /// A view of the store, plus the writes of `committing` (a group whose commit is running).
    init(store: any CentralStore, receivedAt: Int64, after committing: WriteBatch? = nil) {
        self.store = store
        batch = WriteBatch(receivedAt: receivedAt)
        if let committing { lay(committing) }
    }

    /// Takes an earlier group's writes as committed. Its donor rows are every row it changed, as
    /// they stand after it (merges included), so they are authoritative over the store's.
    private func lay(_ earlier: WriteBatch) {
        for (index, (event, _)) in earlier.events.enumerated() {
            storedIDs.insert(event.id)
            checkedIDs.insert(event.id)
            earlierByID[event.id] = event
            if let key = event.donorKey { earlierByKey[key, default: []].append((index, event)) }
        }
        for item in earlier.quarantined where quarantine[item.eventID] == nil {
            quarantine[item.eventID] = item
            checkedQuarantine.insert(item.eventID)
        }
        remember(earlier.donors)
    }

    /// Reads what `events` will need in a handful of queries: stored and quarantined ids, the
    /// donors they name (and those with the ID numbers they register), their families and events.
    /// The five first reads are independent, so they run side by side on separate connections:
    /// the group waits for one round trip, not five in a row.
    func prefetch(_ events: [WireEvent], idHashes: [String]) async throws {
        let store = self.store
        let ids = Array(Set(events.map(\.id)))
        let keys = events.compactMap(\.donorKey)
        let hashes = Self.missing(idHashes) { loadedHashes.contains($0) }
        let familyKeys = Self.missing(keys) { loadedFamilies.contains($0) }
        let eventKeys = Self.missing(keys) { committedEvents[$0] != nil }
        async let stored = store.storedEventIDs(among: ids)
        async let kept = store.quarantined(eventIDs: ids)
        async let byHash = Self.unlessEmpty(hashes) { try await store.donors(idHashes: $0) }
        async let families = Self.unlessEmpty(familyKeys) { try await store.donorFamilies(keys: $0) }
        async let keyEvents = Self.unlessEmpty(eventKeys) { try await store.events(donorKeys: $0) }
        storedIDs.formUnion(try await stored)
        checkedIDs.formUnion(ids)
        checkedQuarantine.formUnion(ids)
        for item in try await kept where quarantine[item.eventID] == nil { quarantine[item.eventID] = item }
        remember(try await byHash)
        loadedHashes.formUnion(hashes)
        rememberFamilies(familyKeys, try await families)
        record(eventKeys, try await keyEvents)
        // What those rows lead to (the survivors of merged keys, keys found by ID number): usually nothing.
        try await loadFamilies(donorRows.values.map { $0.mergedInto ?? $0.key })
        try await loadEvents(Array(donorRows.keys))
    }

    // MARK: Reads

    /// True when the event is committed or accepted earlier in this group.
    func isStored(_ id: String) async throws -> Bool {
        if !checkedIDs.contains(id) {
            checkedIDs.insert(id)
            if try await store.event(id: id) != nil { storedIDs.insert(id) }
        }
        return storedIDs.contains(id)
    }

    /// The kept rejection of an event id, committed or made earlier in this group.
    func quarantined(_ id: String) async throws -> QuarantinedEvent? {
        if checkedQuarantine.insert(id).inserted, let kept = try await store.quarantined(eventID: id) { quarantine[id] = kept }
        return quarantine[id]
    }

    func donor(key: String) async throws -> DonorRecord? {
        if donorRows[key] == nil && !absentKeys.contains(key) { try await loadFamilies([key]) }
        return donorRows[key]
    }

    /// The surviving donor with this blind index.
    func donor(idHash: String) async throws -> DonorRecord? {
        try await loadHashes([idHash])
        return (keysByHash[idHash] ?? []).sorted().compactMap { donorRows[$0] }.first { $0.mergedInto == nil }
    }

    /// `key` and every key merged into it, sorted.
    func donorKeys(canonical key: String) async throws -> [String] {
        try await loadFamilies([key])
        return ((donorRows[key] == nil ? [] : [key]) + (children[key] ?? [])).sorted()
    }

    /// Every event of these keys: the committed ones in sequence order, then the committing
    /// group's in order, then this group's in order.
    func events(donorKeys keys: [String]) async throws -> [WireEvent] {
        try await loadEvents(keys)
        let committed = keys.flatMap { committedEvents[$0] ?? [] }.sorted { $0.seq < $1.seq }.map(\.event)
        let earlier = keys.flatMap { earlierByKey[$0] ?? [] }.sorted { $0.index < $1.index }.map(\.event)
        let pending = keys.flatMap { pendingByKey[$0] ?? [] }.sorted { $0.index < $1.index }.map(\.event)
        return committed + earlier + pending
    }

    /// An event by id, committed or accepted earlier in this group.
    func event(id: String) async throws -> WireEvent? {
        if let event = pendingByID[id] ?? earlierByID[id] { return event }
        if let known = lookedUp[id] { return known }
        let found = try await store.event(id: id)?.event
        lookedUp[id] = found
        return found
    }

    // MARK: Writes

    /// Lays one accepted event's writes over the view and adds them to the group's batch.
    func apply(_ planned: WriteBatch) async throws {
        for (event, city) in planned.events {
            batch.events.append((event, city))
            storedIDs.insert(event.id)
            checkedIDs.insert(event.id)
            pendingByID[event.id] = event
            if let key = event.donorKey { pendingByKey[key, default: []].append((batch.events.count, event)) }
        }
        for donor in planned.donors {
            // An upsert: a stored key keeps its row and takes the new `mergedInto`.
            var row = donorRows[donor.key] ?? donor
            row.mergedInto = donor.mergedInto
            put(row)
        }
        for (from, into) in planned.merges {
            try await loadFamilies([from])
            for key in [from] + (children[from] ?? []) {
                guard var row = donorRows[key] else { continue }
                row.mergedInto = into
                put(row)
            }
        }
        batch.flags += planned.flags
        batch.certificates += planned.certificates
        batch.revokedCertificates += planned.revokedCertificates
    }

    /// Keeps a rejected event in the group's batch; the same id later in the group finds it.
    func keep(_ item: QuarantinedEvent) {
        guard quarantine[item.eventID] == nil else { return }
        quarantine[item.eventID] = item
        batch.quarantined.append(item)
    }

    /// The group's writes, with every donor row it changed written as it now stands.
    func writeBatch(touching houses: [String]) -> WriteBatch {
        var result = batch
        result.donors = changedKeys.compactMap { donorRows[$0] }
        result.touchedHouses = houses
        return result
    }

    // MARK: Cache

    private func put(_ row: DonorRecord) {
        if let old = donorRows[row.key], let parent = old.mergedInto { children[parent]?.remove(row.key) }
        if donorRows[row.key] == nil { keysByHash[row.idHash, default: []].insert(row.key) }
        donorRows[row.key] = row
        absentKeys.remove(row.key)
        if let parent = row.mergedInto { children[parent, default: []].insert(row.key) }
        if changedSet.insert(row.key).inserted { changedKeys.append(row.key) }
    }

    /// Adds committed rows the cache does not hold yet; a held row may carry the group's changes.
    private func remember(_ rows: [DonorRecord]) {
        for row in rows where donorRows[row.key] == nil {
            donorRows[row.key] = row
            absentKeys.remove(row.key)
            keysByHash[row.idHash, default: []].insert(row.key)
            if let parent = row.mergedInto { children[parent, default: []].insert(row.key) }
        }
    }

    private func loadFamilies(_ keys: [String]) async throws {
        let missing = Self.missing(keys) { loadedFamilies.contains($0) }
        guard !missing.isEmpty else { return }
        rememberFamilies(missing, try await store.donorFamilies(keys: missing))
    }

    private func rememberFamilies(_ keys: [String], _ rows: [DonorRecord]) {
        remember(rows)
        loadedFamilies.formUnion(keys)
        for key in keys where donorRows[key] == nil { absentKeys.insert(key) }
    }

    private func loadHashes(_ hashes: [String]) async throws {
        let missing = Self.missing(hashes) { loadedHashes.contains($0) }
        guard !missing.isEmpty else { return }
        remember(try await store.donors(idHashes: missing))
        loadedHashes.formUnion(missing)
    }

    private func loadEvents(_ keys: [String]) async throws {
        let missing = Self.missing(keys) { committedEvents[$0] != nil }
        guard !missing.isEmpty else { return }
        record(missing, try await store.events(donorKeys: missing))
    }

    private func record(_ keys: [String], _ events: [StoredEvent]) {
        for key in keys { committedEvents[key] = [] }
        // The committing group's events are laid over: the store may hold them already.
        for stored in events where earlierByID[stored.event.id] == nil {
            if let key = stored.event.donorKey { committedEvents[key, default: []].append(stored) }
        }
    }

    private static func unlessEmpty<T: Sendable>(_ values: [String], _ read: @Sendable ([String]) async throws -> [T]) async throws -> [T] {
        values.isEmpty ? [] : try await read(values)
    }

    /// The distinct values not loaded yet. Costs the length of `values`, never the size of the
    /// cache (`Set.subtracting` walks its argument, which made a group quadratic).
    private static func missing(_ values: [String], loaded: (String) -> Bool) -> [String] {
        var seen = Set<String>()
        return values.filter { !loaded($0) && seen.insert($0).inserted }
    }
}
