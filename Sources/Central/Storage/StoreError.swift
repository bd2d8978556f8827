/// A storage failure with a code a caller can match.
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Code: String, Sendable {
        /// The row exists already (a house id, an event id).
        case conflict
        /// The database URL or file cannot be used.
        case unavailable
        /// A stored value could not be read back.
        case corrupt
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.rawValue): \(message)" }
}
