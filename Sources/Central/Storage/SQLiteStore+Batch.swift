import GRDB
import SyncWire

/// The batched reads that ingest makes once per group of pushes, on SQLite.
extension SQLiteStore {
    /// Rows for a list of values, in slices small enough for SQLite's limit on bound parameters.
    func fetchIn<T: Sendable>(_ values: [String], sql: @escaping @Sendable (String) -> String, repeats: Int = 1,
                             _ map: @escaping @Sendable (Row) throws -> T) async throws -> [T] {
        guard !values.isEmpty else { return [] }
        return try await pool.read { db in
            var result: [T] = []
            for start in stride(from: 0, to: values.count, by: Self.inSlice) {
                let slice = Array(values[start..<min(start + Self.inSlice, values.count)])
                let arguments = StatementArguments(Array(repeating: slice, count: repeats).flatMap { $0 }.map { $0 as (any DatabaseValueConvertible)? })
                result += try Row.fetchAll(db, sql: sql(Self.marks(slice.count)), arguments: arguments).map(map)
            }
            return result
        }
    }

    /// Values bound per statement (SQLite allows 32,766; half of that leaves room for repeats).
    static let inSlice = 8_000

    public func storedEventIDs(among ids: [String]) async throws -> Set<String> {
        Set(try await fetchIn(ids, sql: { "SELECT id FROM events WHERE id IN (\($0))" }) { $0["id"] as String })
    }

    public func quarantined(eventIDs: [String]) async throws -> [QuarantinedEvent] {
        try await fetchIn(eventIDs, sql: { "SELECT * FROM quarantine WHERE event_id IN (\($0))" }, Self.quarantined)
    }

    public func donors(idHashes: [String]) async throws -> [DonorRecord] {
        try await fetchIn(idHashes, sql: { "SELECT * FROM donors WHERE id_hash IN (\($0))" }, Self.donor)
    }

    public func donorFamilies(keys: [String]) async throws -> [DonorRecord] {
        let rows = try await fetchIn(keys, sql: { "SELECT * FROM donors WHERE key IN (\($0)) OR merged_into IN (\($0))" }, repeats: 2, Self.donor)
        var seen = Set<String>()
        return rows.filter { seen.insert($0.key).inserted }
    }
}
