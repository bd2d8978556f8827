import Hummingbird
import Logging
import Synchronization
import SyncWire

/// Turns every failure into `{"error": {"code", "message"}}` with the right status, and logs
/// it without the request body (which may hold personal data).
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = CentralContext

    /// The methods each path serves, so that a known path asked with another method is answered
    /// 405 with `Allow` (RFC 9110), not "no such route".
    let methods: RouteMethods

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CentralError {
            return try Self.response(error)
        } catch let error as HTTPError {
            if error.status == .notFound, let allowed = methods.allowed(path: request.uri.path) {
                var response = try Self.response(CentralError(405, "method_not_allowed", "This route does not accept \(request.method.rawValue); it takes \(allowed)."))
                response.headers[.allow] = allowed
                return response
            }
            let mapped: CentralError = switch error.status {
            case .notFound: .notFound
            case .contentTooLarge: .tooLarge
            case .methodNotAllowed: CentralError(405, "method_not_allowed", "This route does not accept that method.")
            default: CentralError(error.status.code, "http_\(error.status.code)", error.body ?? "The request could not be handled.")
            }
            return try Self.response(mapped)
        } catch {
            context.logger.error("unexpected failure", metadata: ["error.type": .string(String(describing: type(of: error)))])
            return try Self.response(CentralError(500, "internal", "The server failed to handle this request; it was logged."))
        }
    }

    static func response(_ error: CentralError) throws -> Response {
        var response = try HTTPCoding.json(WireErrorBody(error: error.detail), status: .init(code: error.status))
        if error.status == 401 { response.headers[.wwwAuthenticate] = "Bearer" }
        if error.status == 429 { response.headers[.retryAfter] = "1" }
        return response
    }
}

/// Path → methods of the built router, filled once the routes are added.
final class RouteMethods: Sendable {
    private let table = Mutex<[String: [String]]>([:])

    func record(_ routes: [(path: String, method: String)]) {
        table.withLock { table in
            for route in routes { table[route.path, default: []].append(route.method) }
        }
    }

    /// "GET, POST" for a known path; nil for an unknown one.
    func allowed(path: String) -> String? {
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        return table.withLock { $0[trimmed] }.map { $0.sorted().joined(separator: ", ") }
    }
}
