import Central
import Foundation
import Hummingbird
import HummingbirdTesting
import SyncWire
import Testing

/// Runs the real router (no sockets) over a SQLite-backed service.
enum HTTPFixture {
    static func withClient(
        limiter: RateLimiter = RateLimiter(), seeds: SeedShelf? = nil,
        _ body: @escaping @Sendable (CentralService, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await ServiceFixture.withService(.sqlite, seeds: seeds) { service in
            let app = Application(router: CentralRouter.build(service, limiter: limiter), logger: StoreFixture.logger)
            try await app.test(.router) { client in try await body(service, client) }
        }
    }

    /// Sends a request and returns the status and the body's bytes.
    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, bearer: String? = nil, body: String? = nil
    ) async throws -> (status: Int, body: Data) {
        var headers = HTTPFields()
        if let bearer { headers[.authorization] = "Bearer \(bearer)" }
        headers[.contentType] = "application/json"
        return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            (response.status.code, Data(buffer: response.body))
        }
    }

    static func json<T: Encodable>(_ value: T) -> String { String(decoding: try! WireCoding.encoder().encode(value), as: UTF8.self) }

    /// A house, a token and an enrolment over HTTP; returns the credential.
    static func enroll(_ service: CentralService, _ client: any TestClientProtocol, house: String) async throws -> EnrollResponse {
        if try await service.store.house(id: house) == nil { _ = try await service.addHouse(id: house, name: house) }
        let token = try await service.issueEnrollToken(house: house, hours: 1).token
        let answer = try await send(client, .post, "/v1/enroll", body: json(EnrollRequest(token: token)))
        #expect(answer.status == 201)
        return try JSONDecoder().decode(EnrollResponse.self, from: answer.body)
    }

    /// The `{"error": {"code"}}` of an answer.
    static func errorCode(_ body: Data) -> String? { (try? JSONDecoder().decode(WireErrorBody.self, from: body))?.error.code }
}
