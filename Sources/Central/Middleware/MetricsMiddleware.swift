import Hummingbird

/// Counts every answer by method, matched route and status for `/metrics`.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = CentralContext
    let metrics: Metrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        // The route pattern, not the URI: no unbounded label values.
        metrics.request(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: response.status.code)
        return response
    }
}
