import Foundation

/// A donor's id in the store: a UUID made where the donor was first registered (here, or by
/// the registry import), stable across merges, devices and sync.
public struct DonorID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lower-case UUID text.
    public var rawValue: String
    /// Wraps an id read from storage or the wire.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A new random id.
    public static func make() -> DonorID { DonorID(UUID().uuidString.lowercased()) }
    public var description: String { rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}

/// An event's id: a UUID made on the device that wrote it. The server deduplicates by it, so
/// sending an event twice has the effect of sending it once.
public struct EventID: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Lower-case UUID text.
    public var rawValue: String
    /// Wraps an id read from storage or the wire.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// A new random id.
    public static func make() -> EventID { EventID(UUID().uuidString.lowercased()) }
    public var description: String { rawValue }
    public init(from decoder: Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
