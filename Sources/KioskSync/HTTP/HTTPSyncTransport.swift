import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SyncWire

/// The centre's sync API over HTTP(S) (`openapi.yaml`): a bearer credential, JSON in the
/// SyncWire types, and every status mapped to the `SyncTransportError` the engine acts on.
/// Each call's timeout is the long-poll it asks for plus `SyncSettings.requestTimeoutSeconds`.
public struct HTTPSyncTransport: SyncTransport {
    /// The server's base address (`https://centre.example/`).
    public let base: URL
    let bearer: String
    let settings: SyncSettings
    let session: URLSession

    public init(base: URL, bearer: String, settings: SyncSettings = SyncSettings(), session: URLSession = .shared) {
        self.base = base
        self.bearer = bearer
        self.settings = settings
        self.session = session
    }

    /// A transport for the saved credential; nil when its server address is not a URL.
    public init?(credential: DeviceCredential, settings: SyncSettings = SyncSettings(), session: URLSession = .shared) {
        guard let base = URL(string: credential.server) else { return nil }
        self.init(base: base, bearer: credential.bearer, settings: settings, session: session)
    }

    public func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse {
        var http = self.request("v1/events", query: [], wait: 0)
        http.httpMethod = "POST"
        http.setValue("application/json", forHTTPHeaderField: "Content-Type")
        do {
            http.httpBody = try WireCoding.encoder().encode(request)
        } catch {
            throw .refused(status: 0, code: "unencodable", message: "the batch could not be written as JSON")
        }
        return try await send(http, PushResponse.self)
    }

    public func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        let query = [URLQueryItem(name: "after", value: after), URLQueryItem(name: "limit", value: String(limit)),
                     URLQueryItem(name: "wait", value: String(wait))]
        return try await send(request("v1/changes", query: query, wait: wait), ChangesResponse.self)
    }

    public func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let after { query.append(URLQueryItem(name: "after", value: after)) }
        if let upto { query.append(URLQueryItem(name: "upto", value: upto)) }
        return try await send(request("v1/snapshot", query: query, wait: 0), SnapshotResponse.self)
    }

    func request(_ path: String, query: [URLQueryItem], wait: Int) -> URLRequest {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        var http = URLRequest(url: components?.url ?? base.appendingPathComponent(path))
        http.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        http.setValue("application/json", forHTTPHeaderField: "Accept")
        http.timeoutInterval = settings.timeout(forWait: wait)
        return http
    }

    func send<T: Decodable>(_ http: URLRequest, _ type: T.Type) async throws(SyncTransportError) -> T {
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: http)
        } catch {
            throw .unreachable("\(http.url?.host ?? base.absoluteString): \(error.localizedDescription)")
        }
        guard let answer = response as? HTTPURLResponse else { throw .unreachable("the answer was not HTTP") }
        guard (200..<300).contains(answer.statusCode) else {
            throw Self.error(status: answer.statusCode, retryAfter: answer.value(forHTTPHeaderField: "Retry-After"), body: data)
        }
        do {
            return try WireCoding.read(T.self, from: data)
        } catch {
            throw .server(status: answer.statusCode, message: "the answer could not be read as \(T.self)")
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
