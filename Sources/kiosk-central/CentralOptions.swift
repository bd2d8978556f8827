import ArgumentParser
import Central
import DonorCore
import Foundation
import Logging

/// `--config FILE` and `--database URL`, taken by every `kiosk-central` command.
struct CentralOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The server's configuration file (default ./central.conf, then /etc/kiosk/central.conf; without either, the defaults).",
        valueName: "FILE"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp(
        "sqlite:PATH or a postgres:// URL (overrides KIOSK_CENTRAL_DATABASE and the file).", valueName: "URL"))
    var database: String?

    /// The configuration, or a one-line error naming the key and line.
    func load() throws -> CentralConfiguration {
        do {
            return try CentralConfiguration.resolve(explicit: config, database: database)
        } catch {
            throw CLIFailure(error.description)
        }
    }

    /// Opens the store (migrating it), the keys and the policy; runs `body`; closes the store.
    func withService<T>(logLevel: Logger.Level = .warning, _ body: (CentralService, CentralConfiguration) async throws -> T) async throws -> T {
        let configuration = try load()
        var logger = Logger(label: "kiosk-central")
        logger.logLevel = logLevel
        let policy: Policy
        do { policy = try configuration.loadPolicy() } catch { throw CLIFailure(error.description) }
        let store: any CentralStore
        do {
            store = try StoreFactory.open(url: configuration.databaseURL, logger: logger)
        } catch let error as StoreError {
            throw CLIFailure("cannot open the database: \(error.message)")
        }
        do {
            try await store.migrate()
            let keys = try ServerKeys.loadOrCreate(directory: configuration.keysDirectory)
            let result = try await body(CentralService(store: store, keys: keys, policy: policy, logger: logger,
                                                           seeds: SeedShelf(directory: configuration.seedsDirectory)), configuration)
            await store.close()
            return result
        } catch {
            await store.close()
            switch error {
            case let failure as CentralError: throw CLIFailure(failure.message)
            case let failure as StoreError: throw CLIFailure("database: \(failure.message)")
            case let failure as CLIFailure: throw failure
            case is ExitCode: throw error
            default: throw CLIFailure("the database refused the request (\(String(describing: type(of: error))))")
            }
        }
    }
}

/// A failure the user must fix (a bad file, a bad value): printed as one line on standard error
/// and exit status 2, distinct from 1, which means "checked, and the answer is no".
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

extension CLIFailure {
    /// Runs `body`, turning a `CLIFailure` into its message on stderr and exit status 2.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data(("kiosk-central: " + failure.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// Prints an `Encodable` report as JSON with stable key order.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// An ISO 8601 (UTC) time for seconds since 1970.
func isoTime(_ seconds: Int64?) -> String? {
    seconds.map { ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0))) }
}
