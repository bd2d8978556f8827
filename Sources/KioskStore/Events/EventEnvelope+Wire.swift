import Foundation
import SyncWire

// EventEnvelope ↔ WireEvent (docs/sync-integration.md): the envelope has no house, so the
// kiosk's house id is added on the way out; `donor_key` is the payload's `donor` (for
// `donor.merged`/`donor.unmerged`: `source`).

extension EventEnvelope {
    /// The event as the wire carries it, from the house `house` (the kiosk's configured id).
    public func wire(house: String) throws(StoreError) -> WireEvent {
        do {
            return WireEvent(id: id.rawValue, kind: kind.rawValue, house: house, device: device, author: author,
                             hlc: hlc.description, donorKey: payload.donorKey?.rawValue, payload: try payload.object())
        } catch {
            throw StoreError(.invalidInput, "an event cannot be encoded for the wire", field: "payload")
        }
    }

    /// Reads a wire event, refusing one that is malformed (`invalidInput`, `field` naming the
    /// part): an id outside 1–64 of `A–Z a–z 0–9 - _ .`, a kind the kiosk does not know, a
    /// time not in the wire's HLC form, a payload that does not decode or names another donor
    /// than `donor_key`. A payload without `donor` takes the envelope's `donor_key`.
    public init(wire: WireEvent) throws(StoreError) {
        guard Self.isValidID(wire.id) else { throw StoreError(.invalidInput, "an event id is malformed", field: "id") }
        guard let kind = EventKind(rawValue: wire.kind) else {
            throw StoreError(.invalidInput, "the kiosk does not know this event kind", field: "kind")
        }
        guard let strict = HLC(wire.hlc) else {
            throw StoreError(.invalidInput, "an event's time is not a hybrid logical clock time", field: "hlc")
        }
        let hlc = HLCTimestamp(strict)
        guard !wire.author.isEmpty, !wire.device.isEmpty else {
            throw StoreError(.invalidInput, "an event names no author or device", field: "author")
        }
        var payload: EventPayload
        do {
            payload = try EventPayload.decode(kind: kind, from: wire.payload)
        } catch {
            throw StoreError(.invalidInput, "an event's payload does not match its kind", field: "payload")
        }
        payload.fillDonor(wire.donorKey)
        // `card.revoked` names an activation, not a donor; every other kind needs its donor.
        if kind != .cardRevoked {
            guard let key = wire.donorKey, payload.donorKey?.rawValue == key else {
                throw StoreError(.invalidInput, "an event's payload names another donor than its donor_key", field: "donor_key")
            }
        }
        self.init(id: EventID(wire.id), hlc: hlc, author: wire.author, device: wire.device, payload: payload)
    }

    /// 1–64 characters of `A–Z a–z 0–9 - _ .`, the wire's rule for event ids.
    static func isValidID(_ id: String) -> Bool {
        (1...64).contains(id.utf8.count) && id.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E
        }
    }
}

extension EventPayload {
    /// Sets the payload's `donor` to `key` where it is absent (the wire lets the payload leave
    /// it to the envelope's `donor_key`), for the kinds that allow it (`takesDonorFromEnvelope`).
    mutating func fillDonor(_ key: String?) {
        guard let key, kind.takesDonorFromEnvelope else { return }
        switch self {
        case .donorRegistered(var p) where p.donor == nil: p.donor = key; self = .donorRegistered(p)
        case .donorUpdated(var p) where p.donor == nil: p.donor = key; self = .donorUpdated(p)
        case .donationRecorded(var p) where p.donor == nil: p.donor = key; self = .donationRecorded(p)
        case .donationCorrected(var p) where p.donor == nil: p.donor = key; self = .donationCorrected(p)
        case .donationVoided(var p) where p.donor == nil: p.donor = key; self = .donationVoided(p)
        case .deferralAdded(var p) where p.donor == nil: p.donor = key; self = .deferralAdded(p)
        case .deferralLifted(var p) where p.donor == nil: p.donor = key; self = .deferralLifted(p)
        case .answersSaved(var p) where p.donor == nil: p.donor = key; self = .answersSaved(p)
        case .vitalsSaved(var p) where p.donor == nil: p.donor = key; self = .vitalsSaved(p)
        case .cardActivated(var p) where p.donor == nil: p.donor = key; self = .cardActivated(p)
        case .queueTicketed(var p) where p.donor == nil: p.donor = key; self = .queueTicketed(p)
        case .eligibilityOverridden(var p) where p.donor == nil: p.donor = key; self = .eligibilityOverridden(p)
        default: break
        }
    }
}
