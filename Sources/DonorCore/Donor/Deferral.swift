/// A deferral on a donor's record: set by the lab after testing, by a nurse, or by a "yes" on
/// the questionnaire.
public struct Deferral: Codable, Sendable, Hashable {
    /// Who set it; a lab deferral comes from the blood centre through sync.
    public enum Source: String, Codable, Sendable {
        case lab, staff, questionnaire
    }

    public var id: String
    /// The policy's deferral rule id (e.g. "tattoo", "infection_marker").
    public var rule: String
    public var source: Source
    /// The day it was set.
    public var from: LocalDate
    /// Temporary deferrals end the day before `until` (the donor may give on `until`);
    /// nil for a permanent deferral.
    public var until: LocalDate?
    /// The deferral was lifted by a later event (e.g. a lab retest); the rules ignore it.
    public var lifted: Bool

    public init(
        id: String, rule: String, source: Source, from: LocalDate, until: LocalDate?,
        lifted: Bool = false
    ) {
        self.id = id
        self.rule = rule
        self.source = source
        self.from = from
        self.until = until
        self.lifted = lifted
    }

    /// Permanent when it has no end date.
    public var isPermanent: Bool { until == nil }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        rule = try c.decode(String.self, forKey: .rule)
        source = try c.decodeIfPresent(Source.self, forKey: .source) ?? .staff
        from = try c.decode(LocalDate.self, forKey: .from)
        until = try c.decodeIfPresent(LocalDate.self, forKey: .until)
        lifted = try c.decodeIfPresent(Bool.self, forKey: .lifted) ?? false
    }
}
