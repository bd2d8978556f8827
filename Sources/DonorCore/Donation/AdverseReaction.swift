/// An adverse reaction to a donation, classified by the ISBT categories.
public struct AdverseReaction: Codable, Sendable, Hashable {
    /// ISBT category of a donor complication.
    public enum Category: String, Codable, Sendable, CaseIterable {
        /// A: local symptoms at the needle site (haematoma, nerve injury, arterial puncture…).
        case local = "A"
        /// B: vasovagal, immediate or delayed, with or without loss of consciousness.
        case vasovagal = "B"
        /// C: apheresis-related (citrate reaction, haemolysis, air embolism).
        case apheresis = "C"
        /// D: allergic.
        case allergic = "D"
        /// E: cardiovascular events.
        case cardiovascular = "E"
        /// F: other.
        case other = "F"
    }

    /// How serious the reaction was.
    public enum Severity: String, Codable, Sendable, CaseIterable {
        case mild, moderate, severe
    }

    public var category: Category
    public var severity: Severity
    /// Free-text notes by the nurse; never shown on the donor's own screen.
    public var notes: String?

    public init(category: Category, severity: Severity, notes: String? = nil) {
        self.category = category
        self.severity = severity
        self.notes = notes
    }
}
