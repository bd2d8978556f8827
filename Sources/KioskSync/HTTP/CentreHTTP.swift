import AsyncHTTPClient
import Foundation
import NIOCore
import NIOConcurrencyHelpers
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
    public static func makeClient(tls: TLSConfiguration? = nil) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        if let tls { configuration.tlsConfiguration = tls }
        configuration.timeout.connect = .seconds(10)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// The client for a kiosk whose `[server] ca_file` names the authorities it trusts for the
    /// centre (nil: the system's store, `client`). One client per file for the life of the
    /// process, as `client`: AsyncHTTPClient requires a client to be shut down before it goes.
    public static func client(trusting caFile: String?) throws(TrustError) -> HTTPClient {
        guard let caFile else { return client }
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(caFile)
        } catch {
            throw TrustError(description: "the certificate file \(caFile) cannot be read as PEM certificates (\(error))")
        }
        guard !certificates.isEmpty else { throw TrustError(description: "the certificate file \(caFile) holds no certificate") }
        return trustingClients.withLockedValue { clients in
            if let existing = clients[caFile] { return existing }
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .certificates(certificates)
            let made = makeClient(tls: tls)
            clients[caFile] = made
            return made
        }
    }

    /// A `[server] ca_file` that cannot be used, in words for the person setting up the house.
    public struct TrustError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    private static let trustingClients = NIOLockedValueBox<[String: HTTPClient]>([:])

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
            throw NoAnswer(reason: "\(url.host ?? url.absoluteString): \(plainWords(error))")
        }
    }

    /// What went wrong on the way, said so an IT person setting up a house knows where to look.
    static func plainWords(_ error: any Error) -> String {
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED: return "the connection was refused (is kiosk-central running on that port?)"
            case ENETUNREACH, EHOSTUNREACH: return "no route to the server (is the network connected?)"
            case ECONNRESET: return "the connection was cut"
            default: return "network error \(io.errnoCode) (\(String(cString: strerror(io.errnoCode))))"
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
