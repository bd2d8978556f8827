import AsyncHTTPClient
import Foundation
import NIOCore
import NIOConcurrencyHelpers
import NIOPosix
import NIOSSL

/// One request to the centre and its whole answer, over AsyncHTTPClient (SwiftNIO).
///
/// Why not URLSession: on Linux it runs on libcurl with a dispatch thread of its own, and in
/// `kiosk-bench central` (500 houses and the centre on 2 cores) its clients cost more CPU per
/// push and its p99 at 5,000 events/s spread from 35 to 392 ms between runs where this client
/// stayed at 20–36 ms (docs/performance.md, "Over HTTP"). A kiosk is a small machine too.
public enum CentreHTTP {
    /// The largest answer read: a snapshot page of 1,000 events is well under a megabyte.
    static let maxAnswerBytes = 64 << 20

    /// The kiosk's one client, for the life of the process (never shut down, as `.shared`).
    public static let client = makeClient()

    /// A client as the kiosk's: a refused or failed connection fails the request at once
    /// instead of AsyncHTTPClient's default of retrying until the connect timeout (its issue
    /// #743), because the sync engine already retries with back-off and jitter and the status
    /// bar should say "offline" when the centre is down, not half a minute later. A connection
    /// may take 10 s to open on a weak link.
    public static func makeClient(tls: TLSConfiguration? = nil, proxy: HTTPClient.Configuration.Proxy? = nil) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        if let tls { configuration.tlsConfiguration = tls }
        configuration.proxy = proxy
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// The client for a kiosk whose configuration names the authorities it trusts for the
    /// centre (`[server] ca_file`; nil: the system's store) or an HTTP proxy to tunnel through
    /// (`[server] proxy`, `http://host:port`; nil: straight to the centre). Neither: `client`.
    /// One client per setting for the life of the process, as `client`: AsyncHTTPClient
    /// requires a client to be shut down before it goes.
    public static func client(trusting caFile: String?, proxy: String? = nil) throws(TrustError) -> HTTPClient {
        if caFile == nil, proxy == nil { return client }
        var tls: TLSConfiguration?
        if let caFile {
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMFile(caFile)
            } catch {
                throw TrustError(description: "the certificate file \(caFile) cannot be read as PEM certificates (\(error))")
            }
            guard !certificates.isEmpty else { throw TrustError(description: "the certificate file \(caFile) holds no certificate") }
            var configured = TLSConfiguration.makeClientConfiguration()
            configured.trustRoots = .certificates(certificates)
            tls = configured
        }
        var tunnel: HTTPClient.Configuration.Proxy?
        if let proxy {
            guard let url = URL(string: proxy), url.scheme == "http", let host = url.host, !host.isEmpty, let port = url.port else {
                throw TrustError(description: "the proxy \(proxy) is not an http://host:port address")
            }
            tunnel = .server(host: host, port: port)
        }
        return configured.withLockedValue { registry in
            let key = "\(caFile ?? "")\u{0}\(proxy ?? "")"
            if let existing = registry.clients[key] { return existing }
            let made = makeClient(tls: tls, proxy: tunnel)
            registry.clients[key] = made
            if let proxy { registry.proxies[ObjectIdentifier(made)] = proxy }
            return made
        }
    }

    /// A `[server] ca_file` or `proxy` that cannot be used, in words for the person setting up the house.
    public struct TrustError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// The clients `client(trusting:proxy:)` made, by setting, and the proxy each goes through
    /// (so a failure can name the proxy rather than the centre).
    private struct Registry {
        var clients: [String: HTTPClient] = [:]
        var proxies: [ObjectIdentifier: String] = [:]
    }

    private static let configured = NIOLockedValueBox(Registry())

    /// An answer with any status; the caller decides what a status means.
    public struct Answer: Sendable {
        public var status: Int
        public var retryAfter: String?
        public var body: Data
    }

    /// No answer at all: the reason in plain words, for the status bar and the sync log.
    public struct NoAnswer: Error, Sendable, Hashable {
        public var reason: String
    }

    /// Sends `body` (JSON) with POST, or GET when nil, with the bearer when given, and waits
    /// at most `timeoutSeconds` for the head and the whole body of the answer.
    public static func exchange(_ url: URL, bearer: String?, body: Data?, timeoutSeconds: Double,
                                client: HTTPClient = CentreHTTP.client) async throws(NoAnswer) -> Answer {
        var request = HTTPClientRequest(url: url.absoluteString)
        if let bearer { request.headers.add(name: "Authorization", value: "Bearer \(bearer)") }
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeoutSeconds * 1000))
        do {
            let response = try await client.execute(request, deadline: deadline)
            var buffer = try await response.body.collect(upTo: maxAnswerBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return Answer(status: Int(response.status.code), retryAfter: response.headers.first(name: "Retry-After"), body: Data(bytes))
        } catch {
            throw noAnswer(error, url: url, client: client)
        }
    }

    /// A transport failure said in plain words, naming the server (or the proxy when it is the proxy's).
    static func noAnswer(_ error: any Error, url: URL, client: HTTPClient) -> NoAnswer {
        let proxy = configured.withLockedValue { $0.proxies[ObjectIdentifier(client)] }
        return NoAnswer(reason: "\(url.host ?? url.absoluteString): \(proxy.flatMap { proxyWords(error, $0) } ?? plainWords(error))")
    }

    /// A failure that is the proxy's, not the centre's, said so; nil for any other.
    static func proxyWords(_ error: any Error, _ proxy: String) -> String? {
        if let code = socketErrno(error), [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(code) {
            return "the proxy \(proxy) refused the connection (is the [server] proxy address right?)"
        }
        if let client = error as? HTTPClientError {
            if client == .connectTimeout { return "the proxy \(proxy) did not answer (is the [server] proxy address right?)" }
            if client == .invalidProxyResponse || client == .proxyAuthenticationRequired {
                return "the proxy \(proxy) would not open a tunnel to the centre"
            }
        }
        return nil
    }

    /// The socket's errno behind a failure: an `IOError` itself, or the first one inside the
    /// `NIOConnectionError` that a connection through a proxy fails with.
    static func socketErrno(_ error: any Error) -> Int32? {
        if let io = error as? IOError { return io.errnoCode }
        if let connection = error as? NIOConnectionError {
            return connection.connectionErrors.lazy.compactMap { ($0.error as? IOError)?.errnoCode }.first
        }
        return nil
    }

    /// What went wrong on the way, said so an IT person setting up a house knows where to look.
    static func plainWords(_ error: any Error) -> String {
        if let code = socketErrno(error) {
            switch code {
            case ECONNREFUSED: return "the connection was refused (is kiosk-central running on that port?)"
            case ENETUNREACH, EHOSTUNREACH: return "no route to the server (is the network connected?)"
            case ECONNRESET: return "the connection was cut"
            default: return "network error \(code) (\(String(cString: strerror(code))))"
            }
        }
        if let client = error as? HTTPClientError {
            if client == .connectTimeout { return "no connection within the time allowed" }
            if client == .deadlineExceeded || client == .readTimeout { return "no answer within the time allowed" }
            if client == .remoteConnectionClosed { return "the server closed the connection before answering" }
            if client == .invalidURL || client == .emptyHost || client == .emptyScheme {
                return "the server address is not a usable http(s) address"
            }
        }
        if error is NIOTooManyBytesError { return "the answer was larger than \(maxAnswerBytes >> 20) MB" }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("certificate") || text.contains("SSL") || text.contains("handshake") {
            return "the secure connection failed; the server's certificate is not trusted here (\(text))"
        }
        if text.contains("lookup") || text.contains("resolve") || text.contains("NXDOMAIN") {
            return "the server's name could not be found (\(text))"
        }
        return text
    }
}
