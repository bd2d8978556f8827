import Central
import Foundation
import KioskSync
import KioskTestSupport
import SyncWire
import Testing

/// `HTTPSyncTransport` against the real Central router on a real socket.
@Suite("HTTP sync transport")
struct HTTPTransportTests {
    @Test func pushSnapshotAndChangesRoundTripThroughTheServer() async throws {
        try await LiveCentral.withServer { service, url in
            let (device, transport) = try await LiveCentral.kiosk(service, url, house: "h1")
            let events = [Record.registration("r1", house: "h1", device: device, donor: "d1"),
                          Record.donation("g1", house: "h1", device: device, donor: "d1")]
            let pushed = try await transport.push(PushRequest(events: events))
            #expect(pushed.results.map(\.status) == [.accepted, .accepted])
            let again = try await transport.push(PushRequest(events: events))
            #expect(again.results.map(\.status) == [.duplicate, .duplicate])

            let first = try await transport.snapshot(after: nil, upto: nil, limit: 1)
            #expect(first.events.map(\.event.id) == ["r1"] && first.upto == "2" && first.hasMore)
            let second = try await transport.snapshot(after: first.cursor, upto: first.upto, limit: 1)
            #expect(second.events.map(\.event.id) == ["g1"] && !second.hasMore)
            // The ID number comes back opened (it is sealed at rest).
            #expect(first.events[0].event.payload.objectValue?["id_number"] == .string(SimWorkload.idNumbers[0]))

            let changes = try await transport.changes(after: "1", limit: 10, wait: 0)
            #expect(changes.events.map(\.seq) == [2] && changes.cursor == "2" && !changes.hasMore)
            let started = Date()
            let idle = try await transport.changes(after: "2", limit: 10, wait: 1)
            #expect(idle.events.isEmpty && idle.cursor == "2")
            #expect(Date().timeIntervalSince(started) >= 0.9, "the long-poll was held by the server")
        }
    }

    @Test func statusCodesBecomeTheErrorsTheEngineActsOn() async throws {
        try await LiveCentral.withServer(limiter: RateLimiter(capacity: 2, perSecond: 0.001)) { service, url in
            let (device, transport) = try await LiveCentral.kiosk(service, url, house: "h1")
            let stranger = HTTPSyncTransport(base: url, bearer: "dev-nobody.secret")
            await #expect(throws: SyncTransportError.unauthorized("This request needs a valid device credential (Authorization: Bearer DEVICE.SECRET).")) {
                _ = try await stranger.changes(after: "0", limit: 10, wait: 0)
            }
            // Another house's event: the whole batch is forbidden (403), as a revoked device.
            let foreign = Record.registration("r1", house: "other", device: device, donor: "d1")
            await #expect(throws: SyncTransportError.unauthorized("Event 1 is for another house; a device may push only for its own house.")) {
                _ = try await transport.push(PushRequest(events: [foreign]))
            }
            let bad = Record.registration("bad id!", house: "h1", device: device, donor: "d1")
            await #expect(throws: SyncTransportError.refused(status: 400, code: "invalid_id", message: "Event 1: an event id is 1 to 64 letters, digits, '-', '_' or '.'.")) {
                _ = try await transport.push(PushRequest(events: [bad]))
            }
            // Two tokens in the bucket were spent above: the next call waits as told.
            await #expect(throws: SyncTransportError.rateLimited(retryAfterSeconds: 1)) {
                _ = try await transport.changes(after: "0", limit: 10, wait: 0)
            }
        }
    }

    @Test func noServerIsUnreachableNotAHang() async throws {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let transport = HTTPSyncTransport(base: URL(string: "http://127.0.0.1:1")!, bearer: "dev-x.y")
        await #expect(throws: SyncTransportError.unreachable("127.0.0.1: the connection was refused (is kiosk-central running on that port?)")) {
            _ = try await transport.snapshot(after: nil, upto: nil, limit: 10)
        }
    }

    @Test func aServerThatNeverAnswersTimesOutInPlainWords() async throws {
        // A socket that listens but never accepts: the kernel completes the handshake, and the
        // request then waits for an answer that never comes, as behind a hung proxy.
        let silent = try SilentListener()
        defer { silent.close() }
        let transport = HTTPSyncTransport(base: URL(string: "http://127.0.0.1:\(silent.port)")!, bearer: "dev-x.y",
                                          settings: SyncSettings(requestTimeoutSeconds: 1))
        await #expect(throws: SyncTransportError.unreachable("127.0.0.1: no answer within the time allowed")) {
            _ = try await transport.changes(after: "0", limit: 10, wait: 0)
        }
    }

    /// A house whose network lets traffic out only through an HTTP proxy (`[server] proxy`):
    /// the kiosk tunnels to the centre with CONNECT; a proxy that is not there is named as such.
    @Test func aHouseBehindAProxyTunnelsThroughIt() async throws {
        let proxy = try ConnectProxy()
        defer { proxy.stop() }
        try await LiveCentral.withServer { service, url in
            let client = try CentreHTTP.client(trusting: nil, proxy: "http://127.0.0.1:\(proxy.port)")
            let (device, transport) = try await LiveCentral.kiosk(service, url, house: "h1", client: client)
            let pushed = try await transport.push(PushRequest(events: [Record.registration("r1", house: "h1", device: device, donor: "d1")]))
            #expect(pushed.results.map(\.status) == [.accepted])
            #expect(try proxy.targets() == ["127.0.0.1:\(url.port ?? 0)"])
        }
        let nowhere = try CentreHTTP.client(trusting: nil, proxy: "http://127.0.0.1:1")
        let stranded = HTTPSyncTransport(base: URL(string: "http://127.0.0.1:8080")!, bearer: "dev-x.y", client: nowhere)
        await #expect(throws: SyncTransportError.unreachable("127.0.0.1: the proxy http://127.0.0.1:1 refused the connection (is the [server] proxy address right?)")) {
            _ = try await stranded.changes(after: "0", limit: 10, wait: 0)
        }
        let socks = try #require(throws: CentreHTTP.TrustError.self) { try CentreHTTP.client(trusting: nil, proxy: "socks5://127.0.0.1:1080") }
        #expect(socks.description == "the proxy socks5://127.0.0.1:1080 is not an http://host:port address")
    }

    @Test func eachCallsAddressCarriesItsQueryUnderTheBase() {
        let base = URL(string: "https://centre.example/kiosk")!
        #expect(SyncCall.push.url(base: base).absoluteString == "https://centre.example/kiosk/v1/events")
        #expect(SyncCall.changes(after: "42", limit: 500, wait: 30).url(base: base).absoluteString
            == "https://centre.example/kiosk/v1/changes?after=42&limit=500&wait=30")
        #expect(SyncCall.changes(after: "42", limit: 500, wait: 30).wait == 30)
        #expect(SyncCall.snapshot(after: nil, upto: nil, limit: 1000).url(base: base).absoluteString
            == "https://centre.example/kiosk/v1/snapshot?limit=1000")
        #expect(SyncCall.snapshot(after: "d-1", upto: "9", limit: 1000).url(base: base).absoluteString
            == "https://centre.example/kiosk/v1/snapshot?limit=1000&after=d-1&upto=9")
        #expect(SyncCall.snapshot(after: "d-1", upto: "9", limit: 1000).wait == 0)
    }

    @Test func aGatewayTimeoutIsRetriedAndOther4xxAreRefusals() {
        #expect(HTTPSyncTransport.error(status: 504, retryAfter: nil, body: Data()) == .unreachable("HTTP 504: HTTP 504 without an explanation"))
        #expect(HTTPSyncTransport.error(status: 413, retryAfter: nil, body: Data(#"{"error":{"code":"body_too_large","message":"big"}}"#.utf8))
                == .refused(status: 413, code: "body_too_large", message: "big"))
        #expect(HTTPSyncTransport.error(status: 429, retryAfter: " 12 ", body: Data()) == .rateLimited(retryAfterSeconds: 12))
        #expect(HTTPSyncTransport.error(status: 500, retryAfter: nil, body: Data("oops".utf8)) == .server(status: 500, message: "HTTP 500 without an explanation"))
    }

    @Test func theCredentialFileOfKioskEnrollLoadsAndDamageIsExplained() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-cred-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = DeviceCredential.path(inDataDirectory: folder.path)
        #expect(path == folder.appendingPathComponent("device-credential.json").path)
        #expect(throws: DeviceCredential.LoadError(description: "this kiosk is not enrolled (no \(path)); run `kiosk enroll --token …` first")) {
            _ = try DeviceCredential.load(from: path)
        }
        // Exactly what `kiosk enroll` writes (EnrollCommand's DeviceCredential).
        try Data(#"{"bearer":"dev-1.s3cret","device_id":"dev-1","house":"yingze","server":"https://centre.example"}"#.utf8).write(to: URL(fileURLWithPath: path))
        let credential = try DeviceCredential.load(from: path)
        #expect(credential == DeviceCredential(server: "https://centre.example", house: "yingze", deviceID: "dev-1", bearer: "dev-1.s3cret"))
        #expect(HTTPSyncTransport(credential: credential)?.base.absoluteString == "https://centre.example")
        // Saving (what `kiosk enroll` does) writes an owner-only file that loads back the same.
        let saved = DeviceCredential(server: "http://127.0.0.1:8080", house: "yingze", deviceID: "dev-2", bearer: "dev-2.x")
        try FileManager.default.removeItem(atPath: path)
        try saved.save(to: path)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try DeviceCredential.load(from: path) == saved)
        try Data("{\"bearer\": ".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: DeviceCredential.LoadError(description: "the credential file \(path) is damaged; remove it and run `kiosk enroll` again")) {
            _ = try DeviceCredential.load(from: path)
        }
    }
}
