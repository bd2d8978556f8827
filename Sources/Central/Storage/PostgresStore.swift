import Foundation
import Logging
import PostgresNIO
import SyncWire

/// `CentralStore` on PostgreSQL through postgres-nio: the production store.
///
/// Ordering: with several transactions in flight a `BIGSERIAL` value can commit after a larger
/// one, and a reader that already moved its cursor past the larger one would skip it for
/// ever. So `commit` first takes a transaction-scoped advisory lock (`pg_advisory_xact_lock`),
/// then reads `max(seq) + 1`. The lock is held until the transaction commits or rolls back, so
/// sequence numbers are assigned and become visible in commit order, even across several
/// server processes sharing the database.
public final class PostgresStore: CentralStore {
    let client: PostgresClient
    let logger: Logger
    private let runner: Task<Void, Never>
    /// The advisory lock that serialises event commits ("kiosk" in ASCII, any constant will do).
    static let commitLock: Int64 = 0x6B696F736B

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`, or `?host=/socket/dir`).
    public init(url: String, logger: Logger) throws {
        self.client = PostgresClient(configuration: try Self.configuration(url), backgroundLogger: logger)
        self.logger = logger
        let client = self.client
        runner = Task { await client.run() }
    }

    /// The client configuration for a URL; a bad URL is a `StoreError.unavailable` that never
    /// repeats the password.
    static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let parts = URLComponents(string: url), parts.scheme == "postgres" || parts.scheme == "postgresql",
              let user = parts.user, !user.isEmpty else {
            throw StoreError(.unavailable, "expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        let socketFolder = parts.queryItems?.first { $0.name == "host" }?.value
        var configuration: PostgresClient.Configuration
        if let socketFolder, socketFolder.hasPrefix("/") {
            let socket = "\(socketFolder)/.s.PGSQL.\(parts.port ?? 5432)"
            configuration = .init(unixSocketPath: socket, username: user, password: parts.password, database: database.isEmpty ? nil : database)
        } else {
            configuration = .init(host: parts.host ?? "localhost", port: parts.port ?? 5432, username: user,
                                  password: parts.password, database: database.isEmpty ? nil : database, tls: .disable)
        }
        configuration.options.maximumConnections = 16
        return configuration
    }

    public func migrate() async throws {
        try await client.withTransaction(logger: logger) { connection in
            // Two servers starting at once must not both run a migration.
            try await Self.run(connection, "SELECT pg_advisory_xact_lock(\(Self.commitLock + 1))", logger)
            try await Self.run(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", logger)
            let rows = try await Self.rows(connection, "SELECT coalesce(max(version), 0) AS v FROM schema_version", logger)
            let current = try rows.first?["v"].decode(Int.self) ?? 0
            for (index, statements) in PostgresSchema.migrations.enumerated() where index + 1 > current {
                for statement in statements { try await Self.run(connection, PostgresQuery(unsafeSQL: statement), logger) }
                try await Self.run(connection, "INSERT INTO schema_version (version) VALUES (\(index + 1))", logger)
            }
        }
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }

    // MARK: Helpers

    @discardableResult
    static func run(_ connection: PostgresConnection, _ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRandomAccessRow] {
        try await rows(connection, query, logger)
    }

    static func rows(_ connection: PostgresConnection, _ query: PostgresQuery, _ logger: Logger) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await connection.query(query, logger: logger) { result.append(row.makeRandomAccess()) }
        return result
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRandomAccessRow] {
        var result: [PostgresRandomAccessRow] = []
        for try await row in try await client.query(query, logger: logger) { result.append(row.makeRandomAccess()) }
        return result
    }

    func run(_ query: PostgresQuery) async throws { _ = try await rows(query) }

    // MARK: Houses and devices

    public func addHouse(_ house: House) async throws {
        let inserted = try await rows("""
            INSERT INTO houses (id, name, city, created_at, last_sync_at) VALUES (\(house.id), \(house.name), \(house.city),
            \(house.createdAt), \(house.lastSyncAt)) ON CONFLICT (id) DO NOTHING RETURNING id
            """)
        if inserted.isEmpty { throw StoreError(.conflict, "a house with id \(house.id) exists already") }
    }

    public func houses() async throws -> [House] { try await rows("SELECT * FROM houses ORDER BY id").map(Self.house) }

    public func house(id: String) async throws -> House? {
        try await rows("SELECT * FROM houses WHERE id = \(id)").first.map(Self.house)
    }

    public func touchHouse(id: String, at: Int64) async throws {
        try await run("UPDATE houses SET last_sync_at = \(at) WHERE id = \(id)")
    }

    public func addEnrollToken(hash: String, house: String, createdAt: Int64, expiresAt: Int64) async throws {
        try await run("INSERT INTO enroll_tokens (hash, house, created_at, expires_at) VALUES (\(hash), \(house), \(createdAt), \(expiresAt))")
    }

    public func consumeEnrollToken(hash: String, now: Int64) async throws -> String? {
        // One UPDATE … RETURNING: two kiosks racing with the same token cannot both win.
        try await rows("""
            UPDATE enroll_tokens SET used_at = \(now) WHERE hash = \(hash) AND used_at IS NULL AND expires_at > \(now) RETURNING house
            """).first?["house"].decode(String.self)
    }

    public func addDevice(_ d: Device) async throws {
        try await run("""
            INSERT INTO devices (id, house, name, secret_hash, signing_key, created_at, revoked_at)
            VALUES (\(d.id), \(d.house), \(d.name), \(d.secretHash), \(d.signingKey), \(d.createdAt), \(d.revokedAt))
            """)
    }

    public func device(id: String) async throws -> Device? {
        try await rows("SELECT * FROM devices WHERE id = \(id)").first.map(Self.device)
    }

    public func devices() async throws -> [Device] { try await rows("SELECT * FROM devices ORDER BY house, id").map(Self.device) }

    public func revokeDevice(id: String, at: Int64) async throws -> Bool {
        !(try await rows("UPDATE devices SET revoked_at = coalesce(revoked_at, \(at)) WHERE id = \(id) RETURNING id").isEmpty)
    }
}
