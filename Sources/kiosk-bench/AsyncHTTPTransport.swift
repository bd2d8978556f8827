import AsyncHTTPClient
import Foundation
import KioskSync
import NIOCore
import SyncWire

/// A house's calls to the centre over AsyncHTTPClient (SwiftNIO): the bench's second HTTP
/// client, to tell the kiosk's URLSession client's cost from the server's. Same requests,
/// bearer and JSON as `HTTPSyncTransport`, and its mapping of statuses to errors.
struct AsyncHTTPTransport: SyncTransport {
    let client: HTTPClient
    /// The server's address without a trailing slash (`http://127.0.0.1:PORT`).
    let base: String
    let bearer: String
    let settings = SyncSettings()

    func push(_ request: PushRequest) async throws(SyncTransportError) -> PushResponse {
        var http = self.request("/v1/events")
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/json")
        do {
            http.body = .bytes(ByteBuffer(bytes: try WireCoding.encoder().encode(request)))
        } catch {
            throw .refused(status: 0, code: "unencodable", message: "the batch could not be written as JSON")
        }
        return try await send(http, wait: 0, PushResponse.self)
    }

    func changes(after: String, limit: Int, wait: Int) async throws(SyncTransportError) -> ChangesResponse {
        try await send(request("/v1/changes?after=\(after)&limit=\(limit)&wait=\(wait)"), wait: wait, ChangesResponse.self)
    }

    func snapshot(after: String?, upto: String?, limit: Int) async throws(SyncTransportError) -> SnapshotResponse {
        let query = ["limit=\(limit)", after.map { "after=\($0)" }, upto.map { "upto=\($0)" }].compactMap { $0 }.joined(separator: "&")
        return try await send(request("/v1/snapshot?" + query), wait: 0, SnapshotResponse.self)
    }

    private func request(_ path: String) -> HTTPClientRequest {
        var http = HTTPClientRequest(url: base + path)
        http.headers.add(name: "Authorization", value: "Bearer \(bearer)")
        http.headers.add(name: "Accept", value: "application/json")
        return http
    }

    private func send<T: Decodable>(_ http: HTTPClientRequest, wait: Int, _ type: T.Type) async throws(SyncTransportError) -> T {
        let status: Int, retryAfter: String?, body: ByteBuffer
        do {
            let response = try await client.execute(http, timeout: .milliseconds(Int64(settings.timeout(forWait: wait) * 1000)))
            status = Int(response.status.code)
            retryAfter = response.headers.first(name: "Retry-After")
            body = try await response.body.collect(upTo: 64 << 20)
        } catch {
            throw .unreachable("\(base): \(error)")
        }
        let data = Data(body.readableBytesView)
        guard (200..<300).contains(status) else { throw HTTPSyncTransport.error(status: status, retryAfter: retryAfter, body: data) }
        do {
            return try WireCoding.read(T.self, from: data)
        } catch {
            throw .server(status: status, message: "the answer could not be read as \(T.self)")
        }
    }
}
