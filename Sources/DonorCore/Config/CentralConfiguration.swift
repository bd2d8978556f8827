import Foundation

/// The central server's configuration (`central.conf`, TOML). Paths inside it are relative to
/// the file. Every key is optional; a bad value is one `PolicyError` naming the key and line.
///
/// ```toml
/// [server]
/// host = "0.0.0.0"
/// port = 8080
/// [database]
/// url = "postgres://kiosk@localhost/kiosk_central"   # or "sqlite:/var/lib/kiosk-central/central.sqlite"
/// [policy]
/// file = "assets/policy/taiyuan.toml"
/// [keys]
/// dir = "/var/lib/kiosk-central/keys"
/// [seeds]
/// dir = "/var/lib/kiosk-central/seeds"   # default: "seeds" beside the keys folder
/// ```
public struct CentralConfiguration: Sendable, Equatable {
    /// The file it came from; nil when the defaults are in use.
    public var file: String?
    public var host: String
    public var port: Int
    /// `sqlite:PATH` or a `postgres://` URL.
    public var databaseURL: String
    /// Absolute path of the policy file.
    public var policyPath: String
    /// The folder holding the server key (`server.key`), made on first start.
    public var keysDirectory: String
    /// The folder holding the seed files new kiosks start from (`kiosk-central seed build`);
    /// default: `seeds` beside the keys folder.
    public var seedsDirectory: String

    /// Where `kiosk-central` looks when `--config` is not given, in order.
    public static let searchPaths = ["./central.conf", "/etc/kiosk/central.conf"]
    /// The environment variable that names the database, above the file, below `--database`.
    public static let databaseEnvironmentKey = "KIOSK_CENTRAL_DATABASE"

    public init(file: String?, host: String, port: Int, databaseURL: String, policyPath: String, keysDirectory: String,
                seedsDirectory: String? = nil) {
        self.file = file
        self.host = host
        self.port = port
        self.databaseURL = databaseURL
        self.policyPath = policyPath
        self.keysDirectory = keysDirectory
        self.seedsDirectory = seedsDirectory ?? ((keysDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("seeds")
    }

    /// The file named by `--config`, else the first of `searchPaths`, else the defaults; then
    /// `KIOSK_CENTRAL_DATABASE` and `database` (from `--database`) override the database URL.
    public static func resolve(
        explicit: String?, database: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(PolicyError) -> CentralConfiguration {
        var configuration: CentralConfiguration
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw PolicyError(file: explicit, key: nil, line: nil, message: "no such configuration file")
            }
            configuration = try load(path: explicit)
        } else if let found = searchPaths.first(where: { FileManager.default.fileExists(atPath: $0) }) {
            configuration = try load(path: found)
        } else {
            configuration = defaults()
        }
        if let url = environment[databaseEnvironmentKey], !url.isEmpty {
            guard isDatabaseURL(url) else {
                throw PolicyError(file: databaseEnvironmentKey, key: nil, line: nil, message: databaseURLMessage(url))
            }
            configuration.databaseURL = url
        }
        if let database {
            guard isDatabaseURL(database) else {
                throw PolicyError(file: "--database", key: nil, line: nil, message: databaseURLMessage(database))
            }
            configuration.databaseURL = database
        }
        return configuration
    }

    /// No file: an embedded SQLite database and keys under `./central-data`, the shipped
    /// Taiyuan policy, port 8080 on the loopback address.
    public static func defaults() -> CentralConfiguration {
        let data = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("central-data")
        let assets = AssetLocator.find() ?? "assets"
        return CentralConfiguration(
            file: nil, host: "127.0.0.1", port: 8080,
            databaseURL: "sqlite:" + (data as NSString).appendingPathComponent("central.sqlite"),
            policyPath: (assets as NSString).appendingPathComponent("policy/taiyuan.toml"),
            keysDirectory: (data as NSString).appendingPathComponent("keys"))
    }

    /// Loads and validates a configuration file; keys it leaves out keep their defaults.
    public static func load(path: String) throws(PolicyError) -> CentralConfiguration {
        let root = try PolicyLoader.parseTOML(try PolicyLoader.readText(path), file: path)
        let folder = ((path as NSString).deletingLastPathComponent as NSString).standardizingPath
        func resolvePath(_ p: String) -> String {
            let absolute = p.hasPrefix("/") ? p : ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(p)
            return (absolute as NSString).standardizingPath
        }
        var configuration = defaults()
        configuration.file = path
        if root.has("server") {
            let server = try root.table("server")
            if server.has("host") { configuration.host = try server.string("host") }
            if server.has("port") {
                let port = try server.int("port", min: 1)
                guard port <= 65535 else { throw server.error("port", "must be at most 65535 (got \(port))") }
                configuration.port = port
            }
        }
        if root.has("database") {
            let database = try root.table("database")
            if database.has("url") {
                var url = try database.string("url")
                guard isDatabaseURL(url) else { throw database.error("url", databaseURLMessage(url)) }
                // A relative SQLite path is relative to the configuration file, like every path.
                if url.hasPrefix("sqlite:") { url = "sqlite:" + resolvePath(String(url.dropFirst("sqlite:".count))) }
                configuration.databaseURL = url
            }
        }
        if root.has("policy") {
            let policy = try root.table("policy")
            if policy.has("file") { configuration.policyPath = resolvePath(try policy.string("file")) }
        }
        if root.has("keys") {
            let keys = try root.table("keys")
            if keys.has("dir") {
                configuration.keysDirectory = resolvePath(try keys.string("dir"))
                configuration.seedsDirectory = ((configuration.keysDirectory as NSString).deletingLastPathComponent as NSString)
                    .appendingPathComponent("seeds")
            }
        }
        if root.has("seeds") {
            let seeds = try root.table("seeds")
            if seeds.has("dir") { configuration.seedsDirectory = resolvePath(try seeds.string("dir")) }
        }
        return configuration
    }

    /// True for `sqlite:PATH` (a non-empty path) and `postgres://` or `postgresql://` URLs.
    public static func isDatabaseURL(_ text: String) -> Bool {
        if text.hasPrefix("sqlite:") { return text.count > "sqlite:".count }
        return (text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")) && URL(string: text)?.host != nil
    }

    static func databaseURLMessage(_ text: String) -> String {
        "expected sqlite:PATH or a postgres:// URL (got \"\(text.hasPrefix("postgres") ? "postgres://…" : text)\")"
    }

    /// Loads the configured policy.
    public func loadPolicy() throws(PolicyError) -> Policy { try PolicyLoader.load(path: policyPath) }
}
