import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KioskSync
import SyncWire

/// A house's calls to the centre over URLSession (libcurl on Linux): the client the kiosk used
/// before `HTTPSyncTransport` moved to AsyncHTTPClient, kept as the bench's comparison
/// (`kiosk-bench central --client urlsession`). Same requests, bearer and JSON, and the same
/// mapping of statuses to errors.
struct URLSessionTransport: SyncTransport {
    let session: URLSession
    /// The server's base address (`http://127.0.0.1:PORT`).
    let base: URL
    let bearer: String
    let settings = SyncSettings()

    func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse {
        var http = self.request("v1/events", query: [], wait: 0)
        http.httpMethod = "POST"
        http.setValue("application/json", forHTTPHeaderField: "Content-Type")
        http.httpBody = WireCoding.write(request)
        return try await send(http, PushResponse.self)
    }

    func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        let query = [URLQueryItem(name: "after", value: after), URLQueryItem(name: "limit", value: String(limit)),
                     URLQueryItem(name: "wait", value: String(wait))]
        return try await send(request("v1/changes", query: query, wait: wait), ChangesResponse.self)
    }

    func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        var query = [URLQueryItem(name: "limit", value: String(limit))]
        if let after { query.append(URLQueryItem(name: "after", value: after)) }
        if let upto { query.append(URLQueryItem(name: "upto", value: upto)) }
        return try await send(request("v1/snapshot", query: query, wait: 0), SnapshotResponse.self)
    }

    private func request(_ path: String, query: [URLQueryItem], wait: Int) -> URLRequest {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        if !query.isEmpty { components?.queryItems = query }
        var http = URLRequest(url: components?.url ?? base.appendingPathComponent(path))
        http.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        http.setValue("application/json", forHTTPHeaderField: "Accept")
        http.timeoutInterval = settings.timeout(forWait: wait)
        return http
    }

    private func send<T: Decodable>(_ http: URLRequest, _ type: T.Type) async throws(SyncTransportError) -> T {
        let data: Data, response: URLResponse
        do {
            (data, response) = try await session.data(for: http)
        } catch {
            throw .unreachable("\(http.url?.host ?? base.absoluteString): \(error.localizedDescription)")
        }
        guard let answer = response as? HTTPURLResponse else { throw .unreachable("the answer was not HTTP") }
        guard (200..<300).contains(answer.statusCode) else {
            throw HTTPSyncTransport.error(status: answer.statusCode, retryAfter: answer.value(forHTTPHeaderField: "Retry-After"), body: data)
        }
        do {
            return try WireCoding.read(T.self, from: data)
        } catch {
            throw .server(status: answer.statusCode, message: "the answer could not be read as \(T.self)")
        }
    }
}
