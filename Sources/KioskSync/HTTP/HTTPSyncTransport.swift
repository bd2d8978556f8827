import AsyncHTTPClient
import Foundation
import SyncWire

/// The centre's sync API over HTTP(S) (`openapi.yaml`): a bearer credential, JSON in the
/// SyncWire types, and every status mapped to the `SyncTransportError` the engine acts on.
/// Each call's timeout is the long-poll it asks for plus `SyncSettings.requestTimeoutSeconds`.
/// The requests go out on AsyncHTTPClient (`CentreHTTP`), by default the kiosk's one client.
public struct HTTPSyncTransport: SyncTransport {
    /// The server's base address (`https://centre.example/`).
    public let base: URL
    let bearer: String
    let settings: SyncSettings
    let client: HTTPClient

    public init(base: URL, bearer: String, settings: SyncSettings = SyncSettings(), client: HTTPClient = CentreHTTP.client) {
        self.base = base
        self.bearer = bearer
        self.settings = settings
        self.client = client
    }

    /// A transport for the saved credential; nil when its server address is not a URL.
    public init?(credential: DeviceCredential, settings: SyncSettings = SyncSettings(), client: HTTPClient = CentreHTTP.client) {
        guard let base = URL(string: credential.server) else { return nil }
        self.init(base: base, bearer: credential.bearer, settings: settings, client: client)
    }

    public func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse {
        try await send(.push, body: WireCoding.write(request), PushResponse.self)
    }

    public func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        try await send(.changes(after: after, limit: limit, wait: wait), body: nil, ChangesResponse.self)
    }

    public func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        try await send(.snapshot(after: after, upto: upto, limit: limit), body: nil, SnapshotResponse.self)
    }

    func send<T: Decodable>(_ call: SyncCall, body: Data?, _ type: T.Type) async throws(SyncTransportError) -> T {
        let answer: CentreHTTP.Answer
        do {
            answer = try await CentreHTTP.exchange(call.url(base: base), bearer: bearer, body: body,
                                                   timeoutSeconds: settings.timeout(forWait: call.wait), client: client)
        } catch {
            throw .unreachable(error.reason)
        }
        guard (200..<300).contains(answer.status) else {
            throw Self.error(status: answer.status, retryAfter: answer.retryAfter, body: answer.body)
        }
        do {
            return try WireCoding.read(T.self, from: answer.body)
        } catch {
            throw .server(status: answer.status, message: "the answer could not be read as \(T.self)")
        }
    }

    /// The engine's view of a failed answer; the centre's `{"error": {code, message}}` when present.
    public static func error(status: Int, retryAfter: String?, body: Data) -> SyncTransportError {
        let detail = (try? WireCoding.decoder().decode(WireErrorBody.self, from: body))?.error
        let message = detail?.message ?? "HTTP \(status) without an explanation"
        switch status {
        case 401, 403: return .unauthorized(message)
        case 429: return .rateLimited(retryAfterSeconds: retryAfter.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) })
        // A gateway that times out before the centre answers: the centre may still commit, so
        // this is retried like no answer at all.
        case 408, 502, 503, 504: return .unreachable("HTTP \(status): \(message)")
        case 400..<500: return .refused(status: status, code: detail?.code ?? "http_\(status)", message: message)
        default: return .server(status: status, message: message)
        }
    }
}
