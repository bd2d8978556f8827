import DonorCore
import Foundation
import SyncWire

/// `kiosk-central stats --json`: what the centre holds, recomputed from events.
public struct CentralStats: Codable, Sendable {
    public struct Donations: Codable, Sendable {
        public var count: Int
        public var volumeML: Int
        public var byKind: [String: Int]
        enum CodingKeys: String, CodingKey {
            case count
            case volumeML = "volume_ml"
            case byKind = "by_kind"
        }
    }

    public struct HouseLine: Codable, Sendable {
        public var id: String
        public var name: String
        public var devices: Int
        /// ISO 8601 (UTC), nil when it never synced.
        public var lastSync: String?
        enum CodingKeys: String, CodingKey {
            case id, name, devices
            case lastSync = "last_sync"
        }
    }

    public var date: String
    public var policy: String
    public var events: Int64
    public var donors: Int
    public var donations: Donations
    /// Activations recorded by the houses: card → tier → count.
    public var certificatesActivated: [String: [String: Int]]
    /// Cards in force today, recomputed from every donor's events with DonorCore: card → tier → count.
    public var certificatesInForce: [String: [String: Int]]
    public var houses: [HouseLine]
    public var quarantined: Int
    public var flags: Int

    enum CodingKeys: String, CodingKey {
        case date, policy, events, donors, donations, houses, quarantined, flags
        case certificatesActivated = "certificates_activated"
        case certificatesInForce = "certificates_in_force"
    }
}

extension CentralService {
    /// The figures for `stats`.
    public func stats() async throws -> CentralStats {
        let kinds = [EventKind.donorRegistered, .donorMerged, .donorUnmerged, .donationRecorded, .donationCorrected, .donationVoided].map(\.rawValue)
        let events = try await store.events(kinds: kinds).map(\.event)
        // Group every donor's events under the surviving key of any merge.
        var mergedInto: [String: String] = [:]
        for event in events {
            if let p = try? WireCoding.decode(DonorMergedPayload.self, from: event.payload), event.kind == EventKind.donorMerged.rawValue {
                mergedInto[p.source] = p.target
            } else if let p = try? WireCoding.decode(DonorUnmergedPayload.self, from: event.payload), event.kind == EventKind.donorUnmerged.rawValue {
                mergedInto[p.source] = nil
            }
        }
        /// Follows merges to the surviving key (a few hops at most; the bound guards a cycle).
        func canonical(_ key: String) -> String {
            var current = key
            for _ in 0..<16 { guard let next = mergedInto[current] else { break }; current = next }
            return current
        }
        var byDonor: [String: [WireEvent]] = [:]
        for event in events where event.kind != EventKind.donorMerged.rawValue && event.kind != EventKind.donorUnmerged.rawValue {
            if let key = event.donorKey { byDonor[canonical(key), default: []].append(event) }
        }
        var donations = CentralStats.Donations(count: 0, volumeML: 0, byKind: [:])
        var inForce: [String: [String: Int]] = [:]
        let day = today
        for (_, donorEvents) in byDonor {
            let history = DonorHistory.build(donorEvents)
            for entry in history.donations where !entry.donation.voided {
                donations.count += 1
                donations.volumeML += entry.donation.volumeML ?? 0
                donations.byKind[entry.donation.kind.rawValue, default: 0] += 1
            }
            let status = CardStatus(history: history.rulesHistory, on: day, policy: policy)
            if let card = status.effective { inForce[card.rawValue, default: [:]][status.tier?.id ?? "none", default: 0] += 1 }
        }
        var activated: [String: [String: Int]] = [:]
        for c in try await store.certificates() where !c.revoked { activated[c.card, default: [:]][c.tier ?? "none", default: 0] += 1 }
        let devices = try await store.devices()
        let formatter = ISO8601DateFormatter()
        let houses = try await store.houses().map { h in
            CentralStats.HouseLine(id: h.id, name: h.name, devices: devices.filter { $0.house == h.id && $0.revokedAt == nil }.count,
                                   lastSync: h.lastSyncAt.map { formatter.string(from: Date(timeIntervalSince1970: TimeInterval($0))) })
        }
        return CentralStats(
            date: day.iso, policy: policy.reference, events: try await store.lastSequence(),
            donors: byDonor.count, donations: donations, certificatesActivated: activated, certificatesInForce: inForce,
            houses: houses, quarantined: try await store.quarantined(limit: Int.max).count, flags: try await store.flags().count)
    }
}
