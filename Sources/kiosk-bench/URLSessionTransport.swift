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
        var http = self.request(.push)
        http.httpMethod = "POST"
        http.setValue("application/json", forHTTPHeaderField: "Content-Type")
        http.httpBody = WireCoding.write(request)
        return try await send(http, PushResponse.self)
    }

    func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        try await send(request(.changes(after: after, limit: limit, wait: wait)), ChangesResponse.self)
    }

    func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        try await send(request(.snapshot(after: after, upto: upto, limit: limit)), SnapshotResponse.self)
    }

    private func request(_ call: SyncCall) -> URLRequest {
        var http = URLRequest(url: call.url(base: base))
        http.setValue("Bearer \(bearer)", forHTTPHeaderField: "Authorization")
        http.setValue("application/json", forHTTPHeaderField: "Accept")
        http.timeoutInterval = settings.timeout(forWait: call.wait)
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
