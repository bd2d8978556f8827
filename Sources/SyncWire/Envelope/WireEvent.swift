/// One fact on the wire: an append-only event made on a device (or at the centre), with the
/// house and device it came from and a hybrid-logical-clock time.
///
/// The `id` is made on the device (a UUID string) and is the idempotency key: the centre gives
/// the same id one effect however often it is pushed.
public struct WireEvent: Codable, Sendable, Hashable {
    /// Made on the device; 1–64 characters of `A–Z a–z 0–9 - _ .`.
    public var id: String
    /// One of `EventKind`'s raw values.
    public var kind: String
    /// The house the device belongs to; the centre's own events carry `EventKind.centralHouse`.
    public var house: String
    /// The device that made the event.
    public var device: String
    /// The staff member (or "lab", "central") who made it.
    public var author: String
    /// Hybrid logical clock time; plain string order is time order (see `HLC`).
    public var hlc: String
    /// The donor id made on the registering device (the payload's `donor`; for merges, `source`).
    public var donorKey: String?
    /// The kind's payload (see `Payloads/`), a JSON object.
    public var payload: JSONValue

    public init(
        id: String, kind: String, house: String, device: String, author: String, hlc: String,
        donorKey: String? = nil, payload: JSONValue
    ) {
        self.id = id
        self.kind = kind
        self.house = house
        self.device = device
        self.author = author
        self.hlc = hlc
        self.donorKey = donorKey
        self.payload = payload
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, house, device, author, hlc, payload
        case donorKey = "donor_key"
    }
}

/// The event kinds the centre understands, and the opaque ones it keeps without reading.
public enum EventKind: String, Codable, Sendable, CaseIterable {
    case donorRegistered = "donor.registered"
    case donorUpdated = "donor.updated"
    case donorMerged = "donor.merged"
    case donorUnmerged = "donor.unmerged"
    case donationRecorded = "donation.recorded"
    case donationCorrected = "donation.corrected"
    case donationVoided = "donation.voided"
    case deferralAdded = "deferral.added"
    case deferralLifted = "deferral.lifted"
    case cardActivated = "card.activated"
    case cardRevoked = "card.revoked"
    /// Health questionnaire answers. Opaque to the centre: kept, never sent to other houses.
    case answersSaved = "answers.saved"
    /// The pre-donation check. Opaque to the centre: kept, never sent to other houses.
    case vitalsSaved = "vitals.saved"
    /// A number in a house's queue. Kept by the centre, never sent to other houses: a queue is
    /// local to its house.
    case queueTicketed = "queue.ticketed"
    /// A supervisor's override of an eligibility rule. Kept by the centre, never sent to other
    /// houses: it is about one day's decision there.
    case eligibilityOverridden = "eligibility.overridden"

    /// The `house` of events the centre makes itself (merges, lab deferrals).
    public static let centralHouse = "central"

    /// Kinds every house of the city receives when it pulls.
    public var isShared: Bool {
        switch self {
        case .answersSaved, .vitalsSaved, .queueTicketed, .eligibilityOverridden: return false
        default: return true
        }
    }

    /// Kinds that must name a donor in `donor_key`.
    public var needsDonor: Bool { self != .cardRevoked }

    /// Kinds only the centre may make; a device pushing one is rejected.
    public var isCentralOnly: Bool { false }
}
