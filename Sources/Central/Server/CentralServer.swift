import DonorCore
import Hummingbird
import Logging

/// Builds and runs the HTTP server. SIGTERM and SIGINT shut it down gracefully: the listener
/// closes and in-flight requests finish before `run` returns.
public enum CentralServer {
    /// The server on `host:port`; `onListening` is told the port it listens on once it does
    /// (the one the OS picked when `port` is 0, as the bench and tests ask).
    public static func application(
        service: CentralService, host: String, port: Int, logger: Logger, limiter: RateLimiter = RateLimiter(),
        failpoints: Failpoints = Failpoints(), onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: CentralRouter.build(service, limiter: limiter, failpoints: failpoints),
            configuration: .init(address: .hostname(host, port: port), serverName: "kiosk-central"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) },
            logger: logger)
    }

    /// Serves until SIGTERM or SIGINT.
    public static func run(service: CentralService, host: String, port: Int, logger: Logger,
                           failpoints: Failpoints = Failpoints()) async throws {
        if let armed = failpoints.armed { logger.warning("failpoint armed: \(armed) (a test's fault injection; never in production)") }
        let app = application(service: service, host: host, port: port, logger: logger, failpoints: failpoints)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
