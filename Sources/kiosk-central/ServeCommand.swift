import ArgumentParser
import Central
import Foundation
import Logging

/// `kiosk-central serve`: the HTTP server, until SIGTERM or SIGINT (graceful).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the sync server.")

    @OptionGroup var options: CentralOptions
    @Option(help: "Listen on this address (default: [server] host, else 127.0.0.1).") var host: String?
    @Option(help: "Listen on this port (default: [server] port, else 8080).") var port: Int?

    func run() async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        try await CLIFailure.reporting {
            let failpoints: Failpoints
            do throws(FailpointError) {
                failpoints = try Failpoints(environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CLIFailure(error.description)
            }
            try await options.withService(logLevel: .info) { service, configuration in
                let logger = Logger(label: "kiosk-central")
                let address = host ?? configuration.host, listen = port ?? configuration.port
                logger.info("starting", metadata: [
                    "address": .string("\(address):\(listen)"), "policy": .string(service.policy.reference),
                    "database": .string(configuration.databaseURL.hasPrefix("sqlite:") ? "sqlite" : "postgres"),
                ])
                try await CentralServer.run(service: service, host: address, port: listen, logger: logger, failpoints: failpoints)
                logger.info("stopped")
            }
        }
    }
}

/// `kiosk-central migrate`: creates or upgrades the schema and exits.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or upgrade the database schema.")
    @OptionGroup var options: CentralOptions

    func run() async throws {
        try await CLIFailure.reporting {
            try await options.withService { service, _ in
                print("schema up to date; last event \(try await service.store.lastSequence())")
            }
        }
    }
}
