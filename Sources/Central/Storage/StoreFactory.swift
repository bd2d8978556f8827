import Logging

/// Opens the store a database URL names: `sqlite:PATH` or `postgres://…`.
public enum StoreFactory {
    public static func open(url: String, logger: Logger) throws -> any CentralStore {
        if url.hasPrefix("sqlite:") {
            return try SQLiteStore(path: String(url.dropFirst("sqlite:".count)))
        }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            return try PostgresStore(url: url, logger: logger)
        }
        throw StoreError(.unavailable, "expected sqlite:PATH or a postgres:// URL")
    }
}
