import Hummingbird
import Logging
import SyncWire

/// The HTTP API, exactly as `openapi.yaml` writes it down.
public enum CentralRouter {
    /// The largest request body accepted (1 MiB): a batch of 500 events fits with room to spare.
    public static let maxBodyBytes = 1 << 20

    /// Every route, for the contract test against `openapi.yaml`.
    public static func build(_ service: CentralService, limiter: RateLimiter = RateLimiter(),
                             failpoints: Failpoints = Failpoints()) -> Router<CentralContext> {
        let router = Router(context: CentralContext.self)
        router.add(middleware: MetricsMiddleware(metrics: service.metrics))
        let methods = RouteMethods()
        router.add(middleware: ErrorMiddleware(methods: methods))
        router.add(middleware: LogRequestsMiddleware(.info, includeHeaders: .none))

        router.get("healthz") { _, _ in
            _ = try await service.store.lastSequence()
            return try HTTPCoding.json(["status": "ok"])
        }
        router.get("metrics") { _, _ in
            let text = service.metrics.exposition(lastSequence: try await service.store.lastSequence(), waitingPulls: await service.notifier.waiting)
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        }

        let v1 = router.group("v1")
        v1.post("enroll") { request, _ in
            let body = try await HTTPCoding.decode(EnrollRequest.self, request)
            return try HTTPCoding.json(try await service.enroll(body), status: .created)
        }

        let device = v1.group().add(middleware: AuthMiddleware(service: service, limiter: limiter))
        device.post("events") { request, context in
            let body = try await HTTPCoding.decode(PushRequest.self, request)
            let answer = try await service.push(body, device: try context.requireDevice())
            failpoints.pushCommitted()
            return HTTPCoding.json(answer)
        }
        device.get("changes") { request, context in
            let house = try await service.house(of: try context.requireDevice())
            let after = try HTTPCoding.int(request, "after", 0...Int64.max, fallback: 0)!
            let limit = try HTTPCoding.int(request, "limit", 1...Int64(CentralService.maxPage), fallback: 100)!
            let wait = try HTTPCoding.int(request, "wait", 0...Int64(CentralService.maxWait), fallback: 0)!
            return HTTPCoding.json(try await service.changes(house: house, after: after, limit: Int(limit), wait: Double(wait)))
        }
        device.get("snapshot") { request, context in
            let house = try await service.house(of: try context.requireDevice())
            let after = try HTTPCoding.int(request, "after", 0...Int64.max, fallback: 0)!
            let upto = try HTTPCoding.int(request, "upto", 0...Int64.max, fallback: nil)
            let limit = try HTTPCoding.int(request, "limit", 1...Int64(CentralService.maxPage), fallback: 500)!
            return HTTPCoding.json(try await service.snapshot(house: house, after: after, upto: upto, limit: Int(limit)))
        }
        device.get("seed") { _, context in
            try HTTPCoding.json(try await service.currentSeed(for: try context.requireDevice()))
        }
        device.get("seed/:generation") { request, context in
            try await SeedDownload.response(service, request, context)
        }
        device.post("verify") { request, _ in
            let body = try await HTTPCoding.decode(VerifyRequest.self, request)
            return try HTTPCoding.json(try await service.verify(body.payload))
        }
        methods.record(router.routes.map { (path: $0.path.description, method: $0.method.rawValue) })
        return router
    }
}

extension CentralService {
    /// The house a device belongs to.
    func house(of device: Device) async throws -> House {
        guard let house = try await store.house(id: device.house) else { throw CentralError.unauthorized }
        return house
    }
}
