import Hummingbird

/// Authenticates `Authorization: Bearer DEVICE.SECRET`, refuses revoked devices, then takes a
/// token from the device's bucket (429 when empty).
struct AuthMiddleware: RouterMiddleware {
    typealias Context = CentralContext
    let service: CentralService
    let limiter: RateLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let device = try await service.authenticate(request.headers[.authorization])
        guard await limiter.take(device.id) else { throw CentralError.rateLimited }
        var context = context
        context.device = device
        context.logger[metadataKey: "device"] = .string(device.id)
        return try await next(request, context)
    }
}

/// A token bucket per device: `capacity` requests at once, refilled at `perSecond`.
public actor RateLimiter {
    public nonisolated let capacity: Double
    public nonisolated let perSecond: Double
    private var buckets: [String: (tokens: Double, at: ContinuousClock.Instant)] = [:]

    public init(capacity: Double = 120, perSecond: Double = 20) {
        self.capacity = capacity
        self.perSecond = perSecond
    }

    /// Takes one token for `key`; false when the bucket is empty.
    public func take(_ key: String) -> Bool {
        let now = ContinuousClock.now
        var bucket = buckets[key] ?? (capacity, now)
        let seconds = bucket.at.duration(to: now) / .seconds(1)
        bucket.tokens = min(capacity, bucket.tokens + seconds * perSecond)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        return true
    }
}
