/// Who is looking at a decision; what they may see depends on it.
public enum Viewer: String, Codable, Sendable, CaseIterable {
    case donor, volunteer, nurse, supervisor

    /// Only supervisors see why a donor is permanently deferred; everyone else is told to see
    /// the nurse (GB 18467 practice, DOMAIN.md §3).
    public var seesPermanentDeferralReason: Bool { self == .supervisor }
}
