import DonorCore
import Foundation
import KioskStore
import SyncWire

/// The supervisor's list of events the centre refused or flagged, read from the store.
extension StoreKioskServices {
    public func syncProblems() async throws(ServiceError) -> [SyncProblemEntry] {
        let reviewed = try run { () throws(StoreError) in try store.eventsForReview() }
        let staffNames = Dictionary(try await staffList().map { ($0.number, $0.name) }, uniquingKeysWith: { first, _ in first })
        let zone = TimeZone(identifier: policy.timeZone) ?? .current
        return reviewed.map { item in
            let event = item.event
            let donation = Self.donation(in: event.payload)
            let written = Date(timeIntervalSince1970: Double(event.hlc.milliseconds) / 1000)
            return SyncProblemEntry(
                kind: event.kind.rawValue, date: donation?.date ?? LocalDate(written, in: zone),
                donation: donation, donorName: item.donor?.name, maskedID: item.donor?.maskedIDNumber,
                author: staffNames[event.author] ?? event.author, verdict: item.verdict)
        }
    }

    /// What a donation event says was given (the corrected facts for a correction).
    static func donation(in payload: EventPayload) -> Donation? {
        switch payload {
        case .donationRecorded(let p): return p.facts.donation(id: p.donation)
        case .donationCorrected(let p): return p.facts.donation(id: p.donation)
        default: return nil
        }
    }
}
