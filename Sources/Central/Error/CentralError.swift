import SyncWire

/// A failure with a stable code, an HTTP status and a plain sentence for a person. Answered as
/// `{"error": {"code", "message"}}`; never carries personal data.
public struct CentralError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status code.
    public var status: Int
    public var code: String
    public var message: String

    public init(_ status: Int, _ code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { message }
    public var detail: WireErrorDetail { WireErrorDetail(code: code, message: message) }

    public static func badRequest(_ code: String, _ message: String) -> CentralError { .init(400, code, message) }
    public static let unauthorized = CentralError(401, "unauthorized", "This request needs a valid device credential (Authorization: Bearer DEVICE.SECRET).")
    public static let revoked = CentralError(401, "device_revoked", "This device has been revoked; enrol it again with a new token.")
    public static func forbidden(_ message: String) -> CentralError { .init(403, "forbidden", message) }
    public static let notFound = CentralError(404, "not_found", "There is no such route.")
    public static let tooLarge = CentralError(413, "body_too_large", "The request body is larger than the server accepts (1 MiB).")
    public static let rateLimited = CentralError(429, "rate_limited", "Too many requests from this device; wait a moment and retry.")
    public static let badToken = CentralError(403, "invalid_token", "This enrolment token is unknown, used already or expired; ask the centre for a new one.")
}
