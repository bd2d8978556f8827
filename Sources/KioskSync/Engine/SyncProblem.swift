import SyncWire

/// Why the last call did not go through, kept for the status line and `kiosk sync --once`.
public struct SyncProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure it was, so a screen can choose its words.
    public enum Kind: String, Sendable, Hashable {
        /// No answer from the centre (no link, refused, timed out).
        case unreachable
        /// The centre answered with a failure (5xx) or an answer that breaks the protocol.
        case server
        /// The centre asked the kiosk to slow down (429).
        case rateLimited
        /// The credential is unknown or revoked (401/403): enrol again.
        case unauthorized
        /// The kiosk's own store failed to read or write.
        case localStore

        /// The key of the screen's words for it in `assets/strings/*.toml` (`[sync.problem]`).
        public var stringKey: String {
            switch self {
            case .unreachable: return "sync.problem.unreachable"
            case .server: return "sync.problem.server"
            case .rateLimited: return "sync.problem.rate_limited"
            case .unauthorized: return "sync.problem.unauthorized"
            case .localStore: return "sync.problem.local_store"
            }
        }
    }

    public var kind: Kind
    /// Plain words (English) for logs and `kiosk sync --once`; screens show `kind.stringKey`.
    /// Never personal data.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The problem a transport failure stands for.
    public init(_ error: SyncTransportError) {
        switch error {
        case .unreachable(let why): self.init(.unreachable, "the central server cannot be reached: \(why)")
        case .unauthorized(let why): self.init(.unauthorized, "the central server no longer accepts this kiosk (\(why)); enrol it again")
        case .rateLimited(let seconds): self.init(.rateLimited, "the central server asked to wait \(seconds.map { "\($0) s" } ?? "a moment") before the next request")
        case .refused(let status, let code, let message): self.init(.server, "the central server refused the request (\(status) \(code)): \(message)")
        case .server(let status, let message): self.init(.server, "the central server failed (\(status)): \(message)")
        }
    }
}
