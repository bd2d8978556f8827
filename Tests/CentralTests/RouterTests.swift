import Central
import Foundation
import Hummingbird
import SyncWire
import Testing

/// The HTTP API end to end through the router, and hostile requests that must change nothing.
@Suite("HTTP API")
struct RouterTests {
    @Test func enrolPushAndPullOverHTTP() async throws {
        try await HTTPFixture.withClient { service, client in
            let credential = try await HTTPFixture.enroll(service, client, house: "h1")
            let push = PushRequest(events: [Make.registration("r1", house: "h1", device: credential.deviceID, donor: "d1")])
            let pushed = try await HTTPFixture.send(client, .post, "/v1/events", bearer: credential.bearer, body: HTTPFixture.json(push))
            #expect(pushed.status == 200)
            #expect(try JSONDecoder().decode(PushResponse.self, from: pushed.body).results.map(\.status) == [.accepted])
            let pulled = try await HTTPFixture.send(client, .get, "/v1/changes?after=0&limit=10", bearer: credential.bearer)
            let page = try JSONDecoder().decode(ChangesResponse.self, from: pulled.body)
            #expect(page.events.map(\.event.id) == ["r1"] && page.cursor == "1" && !page.hasMore)
            #expect(try await service.store.house(id: "h1")?.lastSyncAt != nil)
        }
    }

    @Test func aReplayedEnrolmentTokenIsRefused() async throws {
        try await HTTPFixture.withClient { service, client in
            _ = try await service.addHouse(id: "h1", name: "H")
            let token = try await service.issueEnrollToken(house: "h1", hours: 1).token
            let body = HTTPFixture.json(EnrollRequest(token: token))
            #expect(try await HTTPFixture.send(client, .post, "/v1/enroll", body: body).status == 201)
            let replay = try await HTTPFixture.send(client, .post, "/v1/enroll", body: body)
            #expect(replay.status == 403 && HTTPFixture.errorCode(replay.body) == "invalid_token")
            #expect(try await service.store.devices().count == 1)
        }
    }

    /// Each hostile request gets a 4xx with a JSON error and leaves the store as it was.
    @Test func hostileAndMalformedRequestsAreRefusedAndChangeNothing() async throws {
        try await HTTPFixture.withClient { service, client in
            let mine = try await HTTPFixture.enroll(service, client, house: "h1")
            let other = try await HTTPFixture.enroll(service, client, house: "h2")
            let revoked = try await HTTPFixture.enroll(service, client, house: "h1")
            _ = try await service.store.revokeDevice(id: revoked.deviceID, at: 1)
            let good = Make.registration("r1", house: "h1", device: mine.deviceID, donor: "d1")
            var otherHouse = good
            otherHouse.house = "h2"
            var sqlID = good
            sqlID.id = "r1'; DROP TABLE events;--"
            var control = good
            control.author = "nurse\u{0007}\n"
            let huge = String(repeating: "x", count: 50 * 1024 * 1024)
            let cases: [(String, String?, String?, Int, String)] = [
                ("bad JSON", mine.bearer, "{\"events\": [", 400, "invalid_json"),
                ("wrong types", mine.bearer, "{\"events\": 42}", 400, "wrong_type"),
                ("missing field", mine.bearer, "{\"events\": [{\"id\": \"x\"}]}", 400, "missing_field"),
                ("50 MB body", mine.bearer, "{\"events\": [], \"pad\": \"\(huge)\"}", 413, "body_too_large"),
                ("no credential", nil, HTTPFixture.json(PushRequest(events: [good])), 401, "unauthorized"),
                ("unknown device", "dev-nobody.secret", HTTPFixture.json(PushRequest(events: [good])), 401, "unauthorized"),
                ("wrong secret", mine.deviceID + ".wrong", HTTPFixture.json(PushRequest(events: [good])), 401, "unauthorized"),
                ("revoked device", revoked.bearer, HTTPFixture.json(PushRequest(events: [good])), 401, "device_revoked"),
                ("another house", other.bearer, HTTPFixture.json(PushRequest(events: [good])), 403, "forbidden"),
                ("event of another house", mine.bearer, HTTPFixture.json(PushRequest(events: [good, otherHouse])), 403, "forbidden"),
                ("SQL in the id", mine.bearer, HTTPFixture.json(PushRequest(events: [sqlID])), 400, "invalid_id"),
                ("control characters", mine.bearer, HTTPFixture.json(PushRequest(events: [control])), 400, "invalid_author"),
                ("empty batch", mine.bearer, "{\"events\": []}", 400, "empty_batch"),
            ]
            for (name, bearer, body, status, code) in cases {
                let answer = try await HTTPFixture.send(client, .post, "/v1/events", bearer: bearer, body: body)
                #expect(answer.status == status, "\(name)")
                #expect(HTTPFixture.errorCode(answer.body) == code, "\(name)")
            }
            let badQuery = try await HTTPFixture.send(client, .get, "/v1/changes?after=-1", bearer: mine.bearer)
            #expect(badQuery.status == 400 && HTTPFixture.errorCode(badQuery.body) == "invalid_parameter")
            let badLimit = try await HTTPFixture.send(client, .get, "/v1/changes?limit=DROP%20TABLE", bearer: mine.bearer)
            #expect(badLimit.status == 400)
            let unknown = try await HTTPFixture.send(client, .get, "/v1/nothing-here", bearer: mine.bearer)
            #expect(unknown.status == 404 && HTTPFixture.errorCode(unknown.body) == "not_found")
            // A known path with a method it does not take: 405 and what it takes (schemathesis ST204).
            for (method, path, allowed) in [(HTTPRequest.Method.trace, "/v1/events", "POST"), (.delete, "/v1/changes", "GET"),
                                            (.put, "/healthz", "GET")] {
                let wrong = try await HTTPFixture.send(client, method, path, bearer: mine.bearer)
                #expect(wrong.status == 405 && HTTPFixture.errorCode(wrong.body) == "method_not_allowed", "\(method) \(path)")
                let headers = try await client.execute(uri: path, method: method) { $0.headers[.allow] }
                #expect(headers == allowed, "\(method) \(path)")
            }
            #expect(try await service.store.lastSequence() == 0)
            #expect(try await service.store.quarantined(limit: 10).isEmpty)
        }
    }

    @Test func sqlInAPayloadIsStoredAsPlainText() async throws {
        try await HTTPFixture.withClient { service, client in
            let mine = try await HTTPFixture.enroll(service, client, house: "h1")
            var event = Make.registration("r1", house: "h1", device: mine.deviceID, donor: "d1")
            var payload = event.payload.objectValue!
            payload["name"] = .string("O'Brien'); DROP TABLE events;--")
            event.payload = .object(payload)
            let answer = try await HTTPFixture.send(client, .post, "/v1/events", bearer: mine.bearer, body: HTTPFixture.json(PushRequest(events: [event])))
            #expect(answer.status == 200)
            let pulled = try await service.changes(house: try #require(try await service.store.house(id: "h1")), after: 0, limit: 5, wait: 0)
            #expect(pulled.events.first?.event.payload.objectValue?["name"] == .string("O'Brien'); DROP TABLE events;--"))
        }
    }

    @Test func aDeviceOverItsRateGets429() async throws {
        try await HTTPFixture.withClient(limiter: RateLimiter(capacity: 3, perSecond: 0.01)) { service, client in
            let mine = try await HTTPFixture.enroll(service, client, house: "h1")
            var statuses: [Int] = []
            for _ in 0..<5 { statuses.append(try await HTTPFixture.send(client, .get, "/v1/changes", bearer: mine.bearer).status) }
            #expect(statuses == [200, 200, 200, 429, 429])
            let other = try await HTTPFixture.enroll(service, client, house: "h1")
            #expect(try await HTTPFixture.send(client, .get, "/v1/changes", bearer: other.bearer).status == 200)
        }
    }

    @Test func healthAndMetricsAnswerWithoutACredential() async throws {
        try await HTTPFixture.withClient { _, client in
            let health = try await HTTPFixture.send(client, .get, "/healthz")
            #expect(health.status == 200 && String(decoding: health.body, as: UTF8.self) == #"{"status":"ok"}"#)
            let metrics = try await HTTPFixture.send(client, .get, "/metrics")
            let text = String(decoding: metrics.body, as: UTF8.self)
            #expect(metrics.status == 200)
            #expect(text.contains("kiosk_central_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"))
            #expect(text.contains("# TYPE kiosk_central_http_requests_total counter"))
            #expect(text.contains("# HELP kiosk_central_sequence The last committed event sequence number."))
            #expect(text.contains("# TYPE kiosk_central_sequence gauge\nkiosk_central_sequence 0.0\n"))
            #expect(text.contains("kiosk_central_events_total{status=\"accepted\"} 0"))
        }
    }

    @Test func metricsCountPushedEventsAndFollowTheSequence() async throws {
        try await HTTPFixture.withClient { service, client in
            let credential = try await HTTPFixture.enroll(service, client, house: "h1")
            let push = PushRequest(events: [Make.registration("r1", house: "h1", device: credential.deviceID, donor: "d1"),
                                            Make.registration("r2", house: "h1", device: credential.deviceID, donor: "d2")])
            for _ in 0..<2 {
                #expect(try await HTTPFixture.send(client, .post, "/v1/events", bearer: credential.bearer, body: HTTPFixture.json(push)).status == 200)
            }
            let text = String(decoding: try await HTTPFixture.send(client, .get, "/metrics").body, as: UTF8.self)
            #expect(text.contains("kiosk_central_events_total{status=\"accepted\"} 2"))
            #expect(text.contains("kiosk_central_events_total{status=\"duplicate\"} 2"))
            #expect(text.contains("kiosk_central_events_total{status=\"rejected\"} 0"))
            // The fixture's two donors share an ID number: the centre merged them (a third event) and flagged it.
            #expect(text.contains("kiosk_central_sequence 3.0\n"))
            #expect(text.contains("kiosk_central_review_flags_total 1\n"))
            #expect(text.contains("kiosk_central_http_requests_total{method=\"POST\",route=\"/v1/events\",status=\"200\"} 2"))
        }
    }
}
