import DonorCore
import Foundation
import KioskStore

/// The self-service screen's calls on the store. Attempts are audit lines
/// (`selfservice.verify`, subject a keyed hash of the ID number, outcome ok or denied), so the
/// counts survive a restart and every attempt is in the trail.
extension StoreKioskServices {
    public func secondFactor(idNumber: String) async throws(ServiceError) -> SecondFactor {
        SecondFactor.asked(of: try await donor(idNumber: idNumber)?.donor)
    }

    public func verify(idNumber: String, answer: String) async throws(ServiceError) -> Verification {
        guard let limits else { throw .storage("self_service.not_configured") }
        let key = store.selfServiceKey(idNumber: idNumber)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let lines = try run { () throws(StoreError) in try store.audit(action: "selfservice.verify", limit: 2000) }
        let attempts = lines.compactMap { line in
            line.subject.map { VerificationAttempt(atMilliseconds: line.atMilliseconds, key: $0, failed: line.outcome != .ok) }
        }
        switch AttemptLimiter(limits: limits).standing(of: key, attempts: attempts, now: now) {
        case .locked(let until):
            try run { () throws(StoreError) in
                try store.recordAudit(actor: selfServiceActor, action: "selfservice.locked", subject: key, outcome: .denied)
            }
            return .locked(minutes: AttemptLimiter.minutes(from: now, until: until))
        case .open(let left, let delay):
            let record = try await donor(idNumber: idNumber)
            if let record, SecondFactor.asked(of: record.donor).matches(answer, record.donor) {
                try run { () throws(StoreError) in
                    try store.recordAudit(actor: selfServiceActor, action: "selfservice.verify", subject: key, outcome: .ok, detail: record.id)
                }
                return .verified(record)
            }
            try run { () throws(StoreError) in
                try store.recordAudit(actor: selfServiceActor, action: "selfservice.verify", subject: key, outcome: .denied)
            }
            try? await Task.sleep(for: .seconds(delay))
            if left <= 1 { return .locked(minutes: AttemptLimiter.minutes(from: 0, until: Int64(limits.windowSeconds) * 1000)) }
            return .mismatch(attemptsLeft: left - 1)
        }
    }

    public func activeCard(donorID: String, status: CardStatus) async throws(ServiceError) -> SignedCard? {
        guard status.effective != nil else { return nil }
        let activations = try run { () throws(StoreError) in try store.activations(of: DonorID(donorID)) }
        let now = try SignedCard.sign(donorID: donorID, status: status, policy: policy, signer: signer)
        // Only the card now in force, as a volunteer activated it, has a QR code: the same kind,
        // validity and tier. A donation that extends an annual card or moves it to the next
        // ride-code tier makes a new card, which the volunteer activates after the donation.
        let tier = status.tier?.id
        guard activations.contains(where: { $0.card == now.card && $0.validThrough == now.validThrough && $0.tier == tier }) else {
            return nil
        }
        return now
    }

    public func ticket(donorID: String) async throws(ServiceError) -> QueueEntry {
        // A donor already in today's queue keeps their number; the store writes nothing then.
        let date = today()
        try run { () throws(StoreError) in
            try store.issueTicket(for: DonorID(donorID), on: date, procedure: nil, author: selfServiceActor)
        }
        guard let entry = try await queue(on: date).first(where: { $0.donorID == donorID }) else { throw .notFound }
        return entry
    }
}
