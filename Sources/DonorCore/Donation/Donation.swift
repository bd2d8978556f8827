/// One collection event in a donor's history, as the rules see it.
public struct Donation: Codable, Sendable, Hashable {
    /// The event id made on the device that recorded it.
    public var id: String
    /// The house's local calendar date of the collection.
    public var date: LocalDate
    public var kind: DonationKind
    /// Whole blood and plasma: the volume in millilitres.
    public var volumeML: Int?
    /// Apheresis platelets: therapeutic doses (治疗量).
    public var doses: Int?
    public var outcome: DonationOutcome
    /// Where it was collected (the policy region id, e.g. "taiyuan"); nil means the region of
    /// the policy in force, i.e. a donation at one of this city's houses.
    public var region: String?
    public var reaction: AdverseReaction?
    /// A supervisor voided this donation with a later event; the rules ignore it.
    public var voided: Bool

    public init(
        id: String, date: LocalDate, kind: DonationKind, volumeML: Int? = nil, doses: Int? = nil,
        outcome: DonationOutcome = .complete, region: String? = nil,
        reaction: AdverseReaction? = nil, voided: Bool = false
    ) {
        self.id = id
        self.date = date
        self.kind = kind
        self.volumeML = volumeML
        self.doses = doses
        self.outcome = outcome
        self.region = region
        self.reaction = reaction
        self.voided = voided
    }

    enum CodingKeys: String, CodingKey {
        case id, date, kind, outcome, region, reaction, voided, doses
        case volumeML = "volume_ml"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decodeIfPresent(String.self, forKey: .id) ?? "",
            date: try c.decode(LocalDate.self, forKey: .date),
            kind: try c.decode(DonationKind.self, forKey: .kind),
            volumeML: try c.decodeIfPresent(Int.self, forKey: .volumeML),
            doses: try c.decodeIfPresent(Int.self, forKey: .doses),
            outcome: try c.decodeIfPresent(DonationOutcome.self, forKey: .outcome) ?? .complete,
            region: try c.decodeIfPresent(String.self, forKey: .region),
            reaction: try c.decodeIfPresent(AdverseReaction.self, forKey: .reaction),
            voided: try c.decodeIfPresent(Bool.self, forKey: .voided) ?? false)
    }
}
