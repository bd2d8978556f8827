import AsyncHTTPClient
import Central
import CentralSeed
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import KioskSync
import Logging
import SyncWire

/// How the houses of `kiosk-bench central` reach the centre.
enum CentralClient: String, CaseIterable, Sendable {
    /// The kiosk's own `HTTPSyncTransport` (AsyncHTTPClient) against the real server on a socket.
    case http
    /// The same requests over URLSession (libcurl), the kiosk's client before AsyncHTTPClient.
    case urlSession = "urlsession"
    /// `CentralService.push/changes` called directly, as the routes call them: no sockets, no JSON.
    case inProcess = "in-process"
}

/// The houses of one run: each with its enrolled device and its way to the centre, and what
/// has to be closed at the end (the server, the houses' URLSessions or HTTP clients).
struct CentralLinks {
    /// One house: its device (the events name it) and its transport.
    struct House: Sendable {
        let device: Device
        let transport: any SyncTransport
    }

    let houses: [House]
    let server: BenchServer?
    let sessions: [URLSession]
    let clients: [HTTPClient]

    /// `count` houses `h0`, `h1`, … each enrolled with a one-time token as a kiosk is.
    static func open(_ client: CentralClient, service: CentralService, count: Int, limiter: RateLimiter, logger: Logger) async throws -> CentralLinks {
        let server = client == .inProcess ? nil : try await BenchServer.start(service: service, limiter: limiter, logger: logger)
        var houses: [House] = [], sessions: [URLSession] = [], clients: [HTTPClient] = []
        for h in 0..<count {
            let record = try await service.addHouse(id: "h\(h)", name: "House \(h)")
            let token = try await service.issueEnrollToken(house: record.id, hours: 1).token
            let credential = try await service.enroll(EnrollRequest(token: token, deviceName: "bench"))
            guard let device = try await service.store.device(id: credential.deviceID) else { throw BenchError("the enrolled device is missing") }
            // Each house is its own machine: its own session or client and connections
            // (URLSession.shared would share one pool and its per-host connection limit between
            // all houses). AsyncHTTPClient's clients share NIO's one event loop per core.
            switch (client, server) {
            case (.http, let server?):
                let http = CentreHTTP.makeClient()
                clients.append(http)
                houses.append(House(device: device, transport: HTTPSyncTransport(base: server.url, bearer: credential.bearer, client: http)))
            case (.urlSession, let server?):
                let session = URLSession(configuration: .ephemeral)
                sessions.append(session)
                houses.append(House(device: device, transport: URLSessionTransport(session: session, base: server.url, bearer: credential.bearer)))
            default:
                houses.append(House(device: device, transport: InProcessTransport(service: service, device: device, house: record)))
            }
        }
        return CentralLinks(houses: houses, server: server, sessions: sessions, clients: clients)
    }

    func close() async {
        for session in sessions { session.invalidateAndCancel() }
        for client in clients { try? await client.shutdown() }
        await server?.stop()
    }
}

/// The real centre server (`CentralServer.application`: router, auth, rate limiter) on
/// 127.0.0.1 and a port the OS picks, run in a task of the bench process.
struct BenchServer {
    let url: URL
    private let task: Task<Void, Error>

    static func start(service: CentralService, limiter: RateLimiter, logger: Logger) async throws -> BenchServer {
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = CentralServer.application(service: service, host: "127.0.0.1", port: 0, logger: logger, limiter: limiter,
                                            onListening: { portSink.yield($0) })
        let task = Task {
            defer { portSink.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            if case .failure(let error) = await task.result { throw BenchError("the centre's server did not start: \(error)") }
            throw BenchError("the centre's server stopped before it listened")
        }
        return BenchServer(url: URL(string: "http://127.0.0.1:\(port)")!, task: task)
    }

    /// Graceful shutdown: the listener closes and requests in flight finish.
    func stop() async {
        task.cancel()
        _ = await task.result
    }
}
