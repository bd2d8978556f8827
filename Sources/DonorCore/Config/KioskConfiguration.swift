import Foundation

/// The kiosk's configuration (`kiosk.conf`, TOML). Paths inside it are relative to the file.
///
/// A bad value is one `PolicyError` naming the file, the key and the line, never a crash.
public struct KioskConfiguration: Sendable {
    /// The file it came from; nil when no file was found and the demo house is in use.
    public var file: String?
    public var houseID: String
    public var houseName: String
    /// Absolute path of the policy file.
    public var policyPath: String
    /// Absolute path of the assets folder (strings, art, policies).
    public var assetsPath: String
    public var serverURL: String?
    /// `[server] ca_file`: absolute path of a PEM file of the certificate authorities the kiosk
    /// trusts for the centre (a private authority); nil means the system's store.
    public var serverCAFile: String?
    /// `[server] proxy`: an HTTP proxy (`http://host:port`) the house's network sends traffic
    /// through; the kiosk tunnels to the centre with CONNECT. Nil: straight to the centre.
    public var serverProxy: String?
    /// "zh-Hans" or "en".
    public var language: String
    /// Seconds of inactivity before the self-service screen wipes itself.
    public var selfServiceIdleSeconds: Int
    /// Seconds of inactivity before a staff session locks.
    public var staffIdleSeconds: Int
    /// `[self_service]`: wrong-attempt limits of the donor screen; nil when the file has no such
    /// table, and then the kiosk cannot open the donor screen (it says why).
    public var selfServiceLimits: SelfServiceLimits?
    /// `[sync]`: the sync's timings; empty (the engine's defaults) when the file has no such table.
    public var sync = SyncConfiguration()
    public var dataDirectory: String
    public var keyFile: String
    /// `[house] demo = true`: the demo house, which seeds a synthetic city and the demo staff
    /// list on first start. A real house leaves it out.
    public var demo: Bool = false
    /// True for the demo house: marked so in its file, or no configuration file found at all.
    public var isDemo: Bool { demo || file == nil }

    /// Where `kiosk` looks when `--config` is not given, in order.
    public static let searchPaths = ["./kiosk.conf", "/etc/kiosk/kiosk.conf"]

    /// The configuration named by `--config`, else the first of `searchPaths` that exists, else
    /// the demo house (data in `./kiosk-data`).
    public static func resolve(explicit: String?) throws(PolicyError) -> KioskConfiguration {
        if let explicit {
            guard FileManager.default.fileExists(atPath: explicit) else {
                throw PolicyError(file: explicit, key: nil, line: nil, message: "no such configuration file")
            }
            return try load(path: explicit)
        }
        for path in searchPaths where FileManager.default.fileExists(atPath: path) {
            return try load(path: path)
        }
        return try demo()
    }

    /// The demo house (`assets/demo/kiosk.conf`) with its data in `./kiosk-data`.
    public static func demo() throws(PolicyError) -> KioskConfiguration {
        guard let assets = AssetLocator.find() else {
            throw PolicyError(file: "assets", key: nil, line: nil,
                              message: "cannot find the kiosk's assets folder; run from the project folder or pass --config")
        }
        var configuration = try load(path: (assets as NSString).appendingPathComponent("demo/kiosk.conf"))
        let data = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("kiosk-data")
        configuration.file = nil
        configuration.dataDirectory = data
        configuration.keyFile = (data as NSString).appendingPathComponent("kiosk.key")
        return configuration
    }

    /// Loads and validates a configuration file.
    public static func load(path: String) throws(PolicyError) -> KioskConfiguration {
        let root = try PolicyLoader.parseTOML(try PolicyLoader.readText(path), file: path)
        let folder = ((path as NSString).deletingLastPathComponent as NSString).standardizingPath
        func resolvePath(_ p: String) -> String {
            let absolute = p.hasPrefix("/") ? p : ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(p)
            return (absolute as NSString).standardizingPath
        }
        let house = try root.table("house")
        let houseID = try house.string("id")
        guard houseID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw house.error("id", "use only letters, digits, '-' and '_' (got \"\(houseID)\")")
        }
        let policy = try root.table("policy")
        let ui = try root.table("ui")
        let language = try ui.string("language")
        guard UIStrings.languages.contains(language) else {
            throw ui.error("language", "unknown language \"\(language)\" (expected \"zh-Hans\" or \"en\")")
        }
        let data = try root.table("data")
        var serverURL: String?, serverCAFile: String?, serverProxy: String?
        if root.has("server") {
            let server = try root.table("server")
            if server.has("url") {
                let url = try server.string("url")
                guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url) != nil else {
                    throw server.error("url", "expected an http:// or https:// address (got \"\(url)\")")
                }
                serverURL = url
            }
            if server.has("ca_file") {
                let path = resolvePath(try server.string("ca_file"))
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw server.error("ca_file", "cannot read \(path)")
                }
                guard text.contains("-----BEGIN CERTIFICATE-----") else {
                    throw server.error("ca_file", "\(path) holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
                }
                serverCAFile = path
            }
            if server.has("proxy") {
                let proxy = try server.string("proxy")
                guard let url = URL(string: proxy), url.scheme == "http", url.host?.isEmpty == false, url.port != nil else {
                    throw server.error("proxy", "expected http://host:port (got \"\(proxy)\")")
                }
                serverProxy = proxy
            }
        }
        let assets = policy.has("assets") ? resolvePath(try policy.string("assets")) : (AssetLocator.find() ?? resolvePath("assets"))
        var configuration = KioskConfiguration(
            file: path, houseID: houseID, houseName: try house.string("name"),
            policyPath: resolvePath(try policy.string("file")), assetsPath: assets,
            serverURL: serverURL, language: language,
            selfServiceIdleSeconds: try ui.int("self_service_idle_seconds", min: 10),
            staffIdleSeconds: try ui.int("staff_idle_seconds", min: 30),
            dataDirectory: resolvePath(try data.string("directory")),
            keyFile: resolvePath(try data.string("key_file")))
        configuration.serverCAFile = serverCAFile
        configuration.serverProxy = serverProxy
        configuration.demo = try house.bool("demo", default: false)
        if root.has("sync") { configuration.sync = try SyncConfiguration.read(try root.table("sync")) }
        if root.has("self_service") { configuration.selfServiceLimits = try SelfServiceLimits.read(try root.table("self_service")) }
        return configuration
    }

    /// Loads the configured policy.
    public func loadPolicy() throws(PolicyError) -> Policy { try PolicyLoader.load(path: policyPath) }

    /// Loads the UI strings in `language` (default: the configured one).
    public func loadStrings(_ language: String? = nil) throws(PolicyError) -> UIStrings {
        try UIStrings.load(assets: assetsPath, language: language ?? self.language)
    }
}

/// Finds the shipped `assets/` folder: `KIOSK_ASSETS`, then `./assets`, then upwards from the
/// executable (a build folder inside the project), then `/usr/share/kiosk/assets`.
public enum AssetLocator {
    public static func find() -> String? {
        let fm = FileManager.default
        func isAssets(_ p: String) -> Bool { fm.fileExists(atPath: (p as NSString).appendingPathComponent("policy")) }
        if let env = ProcessInfo.processInfo.environment["KIOSK_ASSETS"], isAssets(env) { return env }
        let cwd = (fm.currentDirectoryPath as NSString).appendingPathComponent("assets")
        if isAssets(cwd) { return cwd }
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" && !dir.path.isEmpty {
            let candidate = dir.appendingPathComponent("assets").path
            if isAssets(candidate) { return candidate }
            dir.deleteLastPathComponent()
        }
        return isAssets("/usr/share/kiosk/assets") ? "/usr/share/kiosk/assets" : nil
    }
}
