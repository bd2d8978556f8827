/// A document whose number has no checksum and no structure the kiosk can check: only its
/// length and alphabet are validated.
public enum FreeTextDocumentType: String, Sendable, Codable, CaseIterable {
    /// A passport.
    case passport
    /// Any other document.
    case other

    /// The same kind as an `IdentityDocumentType`, for the parsed document.
    public var documentType: IdentityDocumentType {
        switch self {
        case .passport: return .passport
        case .other: return .other
        }
    }
}
