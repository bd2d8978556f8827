import PostgresNIO
import SyncWire

/// Multi-row writes and the batched reads that ingest makes once per group of pushes.
extension PostgresStore {
    /// Inserts `rows` with multi-row `VALUES` statements and returns how many rows the
    /// statements returned (with a `RETURNING` suffix) or 0. `bind` appends one row's values in
    /// column order; statements are cut so their parameters stay under the protocol's 65,535.
    @discardableResult
    static func insert<Item>(_ c: PostgresConnection, _ logger: Logger, into table: String, rows: [Item], suffix: String = "",
                            bind: (Item, inout PostgresBindings) throws -> Void) async throws -> Int {
        guard !rows.isEmpty else { return 0 }
        var returned = 0, start = 0
        while start < rows.count {
            var bindings = PostgresBindings()
            var sql = "INSERT INTO \(table) VALUES "
            var columns = 0
            let first = start
            for index in first..<rows.count {
                let before = bindings.count
                try bind(rows[index], &bindings)
                columns = bindings.count - before
                sql += (index == first ? "(" : ", (") + (before..<bindings.count).map { "$\($0 + 1)" }.joined(separator: ", ") + ")"
                start = index + 1
                if bindings.count + columns > Int(UInt16.max) { break }
            }
            returned += try await Self.rows(c, PostgresQuery(unsafeSQL: sql + " " + suffix, binds: bindings), logger).count
        }
        return returned
    }

    public func storedEventIDs(among ids: [String]) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return Set(try await rows("SELECT id FROM events WHERE id = ANY(\(ids))").map { try $0["id"].decode(String.self) })
    }

    public func quarantined(eventIDs: [String]) async throws -> [QuarantinedEvent] {
        guard !eventIDs.isEmpty else { return [] }
        return try await rows("SELECT * FROM quarantine WHERE event_id = ANY(\(eventIDs))").map(Self.quarantined)
    }

    public func donors(idHashes: [String]) async throws -> [DonorRecord] {
        guard !idHashes.isEmpty else { return [] }
        return try await rows("SELECT * FROM donors WHERE id_hash = ANY(\(idHashes))").map(Self.donor)
    }

    public func donorFamilies(keys: [String]) async throws -> [DonorRecord] {
        guard !keys.isEmpty else { return [] }
        return try await rows("SELECT * FROM donors WHERE key = ANY(\(keys)) OR merged_into = ANY(\(keys))").map(Self.donor)
    }
}
