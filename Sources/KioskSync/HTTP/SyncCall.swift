import Foundation

/// The address of each call of the centre's sync API (`openapi.yaml`): its path and query,
/// built in one place for every client that speaks it (the kiosk's `HTTPSyncTransport` and the
/// bench's comparison client).
public enum SyncCall: Sendable, Hashable {
    case push
    case changes(after: String, limit: Int, wait: Int)
    case snapshot(after: String?, upto: String?, limit: Int)

    public var path: String {
        switch self {
        case .push: "v1/events"
        case .changes: "v1/changes"
        case .snapshot: "v1/snapshot"
        }
    }

    public var query: [URLQueryItem] {
        switch self {
        case .push:
            return []
        case .changes(let after, let limit, let wait):
            return [URLQueryItem(name: "after", value: after), URLQueryItem(name: "limit", value: String(limit)),
                    URLQueryItem(name: "wait", value: String(wait))]
        case .snapshot(let after, let upto, let limit):
            var query = [URLQueryItem(name: "limit", value: String(limit))]
            if let after { query.append(URLQueryItem(name: "after", value: after)) }
            if let upto { query.append(URLQueryItem(name: "upto", value: upto)) }
            return query
        }
    }

    /// The seconds the centre may hold this call open (a long-poll's `wait`), which its timeout adds to.
    public var wait: Int {
        if case .changes(_, _, let wait) = self { return wait }
        return 0
    }

    /// The call's full address under the centre's base address.
    public func url(base: URL) -> URL {
        var components = URLComponents(url: base.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        let query = self.query
        if !query.isEmpty { components?.queryItems = query }
        return components?.url ?? base.appendingPathComponent(path)
    }
}
