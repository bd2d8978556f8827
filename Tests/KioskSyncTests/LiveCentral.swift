import AsyncHTTPClient
import Central
import DonorCore
import Foundation
import Hummingbird
import KioskSync
import Logging
import SyncWire

/// The real Central router on a real socket (127.0.0.1, a port the OS picks) over a temporary
/// SQLite file, for the HTTP transport and the runner.
enum LiveCentral {
    static func withServer(
        limiter: RateLimiter = RateLimiter(), _ body: (CentralService, URL) async throws -> Void
    ) async throws {
        let central = try await SimCentral()
        let service = await central.service
        let (ports, portSink) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: CentralRouter.build(service, limiter: limiter),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "kiosk-sync-tests"),
            onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) },
            logger: SimCentral.logger)
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        do {
            try await body(service, URL(string: "http://127.0.0.1:\(port)")!)
        } catch {
            server.cancel()
            _ = await server.result
            await central.close()
            throw error
        }
        server.cancel()
        _ = await server.result
        await central.close()
    }

    /// A house with an enrolled device, and the HTTP transport that speaks for it.
    static func kiosk(_ service: CentralService, _ url: URL, house: String, settings: SyncSettings = SyncSettings(),
                      client: HTTPClient = CentreHTTP.client) async throws
        -> (device: String, transport: HTTPSyncTransport) {
        if try await service.store.house(id: house) == nil { _ = try await service.addHouse(id: house, name: house) }
        let token = try await service.issueEnrollToken(house: house, hours: 1).token
        let credential = try await service.enroll(EnrollRequest(token: token))
        return (credential.deviceID, HTTPSyncTransport(base: url, bearer: credential.bearer, settings: settings, client: client))
    }
}

/// A clock for runner tests: time moves only when the runner sleeps, and every sleep is kept.
final class ManualSyncClock: SyncClock, @unchecked Sendable {
    private let lock = NSLock()
    private var seconds = 0.0
    private var slept: [Double] = []

    var sleeps: [Double] { lock.withLock { slept } }

    func monotonicSeconds() -> Double { lock.withLock { seconds } }
    func wallTime() -> Date { Date(timeIntervalSince1970: 1_795_147_200 + monotonicSeconds()) }
    func sleep(seconds: Double) async throws {
        try Task.checkCancellation()
        lock.withLock {
            self.seconds += seconds
            slept.append(seconds)
        }
        await Task.yield()
    }
}

/// Wire events a kiosk records in the tests.
enum Record {
    static func registration(_ id: String, house: String, device: String, donor: String, ms: Int64 = 1_795_000_000_000) -> WireEvent {
        WireEvent(id: id, kind: EventKind.donorRegistered.rawValue, house: house, device: device, author: "nurse-1",
                  hlc: HLC(milliseconds: ms, node: device).description, donorKey: donor,
                  payload: try! WireCoding.object(DonorRegisteredPayload(donor: donor, idNumber: SimWorkload.idNumbers[0], name: "张三",
                                                                         sex: .male, birthDate: .init(iso: "1980-01-01")!)))
    }

    static func donation(_ id: String, house: String, device: String, donor: String, volume: Int = 400) -> WireEvent {
        WireEvent(id: id, kind: EventKind.donationRecorded.rawValue, house: house, device: device, author: "nurse-1",
                  hlc: HLC(milliseconds: 1_795_000_000_001, node: device).description, donorKey: donor,
                  payload: try! WireCoding.object(DonationRecordedPayload(
                    donation: "g-\(id)", donor: donor, facts: DonationFacts(date: .init(iso: "2026-11-01")!, kind: .wholeBlood, volumeML: volume))))
    }
}
