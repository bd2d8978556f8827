import DonorCore
import SyncWire

/// Deciding what one pushed event changes: validation against its kind and the registry, and
/// the conflicts only the centre can see (accepted, but flagged for review).
extension CentralService {
    /// The write batch for `event`, or a `CentralError` that rejects it.
    func plan(_ event: WireEvent) async throws -> WriteBatch {
        guard let kind = EventKind(rawValue: event.kind) else {
            throw CentralError.badRequest("unknown_kind", "The centre does not know the event kind '\(event.kind)'.")
        }
        guard !kind.isCentralOnly else {
            throw CentralError.badRequest("central_only", "Only the centre makes \(kind.rawValue) events.")
        }
        guard HLC(event.hlc) != nil else {
            throw CentralError.badRequest("invalid_hlc", "The hlc is not of the form MILLISECONDS(15).COUNTER(5).NODE.")
        }
        try PayloadCheck.checkText(event)
        var batch = WriteBatch(receivedAt: now)
        batch.events = [(try sealed(event), city)]
        guard let donorKey = event.donorKey else {
            if kind.needsDonor { throw CentralError.badRequest("missing_donor_key", "A \(kind.rawValue) event must name its donor_key.") }
            try await planWithoutDonor(kind, event, &batch)
            return batch
        }
        if kind == .donorRegistered {
            try await planRegistration(event, donorKey: donorKey, &batch)
            return batch
        }
        guard let donor = try await store.donor(key: donorKey) else {
            throw CentralError.badRequest("unknown_donor", "No donor with this donor_key is registered at the centre; push the donor.registered event first.")
        }
        let canonical = donor.mergedInto ?? donor.key
        switch kind {
        case .donationRecorded:
            let p = try PayloadCheck.decode(DonationRecordedPayload.self, event)
            try PayloadCheck.check(p, policy: policy, today: today)
            batch.flags += try await intervalFlags(event, p.donation(id: event.id), canonical: canonical)
        case .donationCorrected:
            let p = try PayloadCheck.decode(DonationCorrectedPayload.self, event)
            try PayloadCheck.checkDonation(kind: p.kind, volume: p.volumeML, doses: p.doses, outcome: p.outcome, date: p.date, policy: policy, today: today)
            try await requireTarget(p.donationID, kind: .donationRecorded, canonical: canonical)
        case .donationVoided:
            let p = try PayloadCheck.decode(DonationVoidedPayload.self, event)
            try await requireTarget(p.donationID, kind: .donationRecorded, canonical: canonical)
        case .deferralAdded:
            let p = try PayloadCheck.decode(DeferralAddedPayload.self, event)
            guard policy.deferralRule(p.rule) != nil else {
                throw CentralError.badRequest("unknown_rule", "The policy has no deferral rule '\(p.rule)'.")
            }
            guard p.source != .lab else { throw CentralError.badRequest("central_only", "Lab deferrals come from the centre, not from a house.") }
            if let until = p.until, until <= p.from {
                throw CentralError.badRequest("invalid_dates", "A deferral's end must come after its start.")
            }
        case .deferralLifted:
            let p = try PayloadCheck.decode(DeferralLiftedPayload.self, event)
            try await requireTarget(p.deferralID, kind: .deferralAdded, canonical: canonical)
        case .cardActivated:
            let p = try PayloadCheck.decode(CardActivatedPayload.self, event)
            guard p.pseudonym == CardCrypto.pseudonym(donorKey: donorKey) else {
                throw CentralError.badRequest("pseudonym_mismatch", "The card's pseudonym is not the one of this donor_key.")
            }
            guard p.keyID == event.device else { throw CentralError.badRequest("key_mismatch", "A card must be signed with the key of the device that activated it.") }
            batch.flags += try await cardFlags(event, p, canonical: canonical)
            batch.certificates.append(CertificateRecord(
                activationID: event.id, donorKey: canonical, pseudonym: p.pseudonym, card: p.card.rawValue, tier: p.tier,
                validThrough: p.validThrough?.iso, issuedAt: p.issuedAt.iso, keyID: p.keyID, hlc: event.hlc))
        case .donorUpdated:
            _ = try PayloadCheck.decode(DonorUpdatedPayload.self, event)
        case .questionnaireAnswered, .vitalsRecorded, .cardRevoked, .donorRegistered, .donorMerged:
            // Opaque kinds: kept as they came. (The others are handled above.)
            break
        }
        return batch
    }

    /// Kinds that may come without a donor: `card.revoked`.
    func planWithoutDonor(_ kind: EventKind, _ event: WireEvent, _ batch: inout WriteBatch) async throws {
        guard kind == .cardRevoked else { return }
        let p = try PayloadCheck.decode(CardRevokedPayload.self, event)
        guard let target = try await store.event(id: p.activationID), target.event.kind == EventKind.cardActivated.rawValue else {
            throw CentralError.badRequest("unknown_target", "There is no card.activated event \(p.activationID).")
        }
        batch.revokedCertificates.append(p.activationID)
    }

    /// A new registration; the same ID number registered under another key is merged: the
    /// earliest HLC (then the smaller event id) survives, whichever arrives first.
    func planRegistration(_ event: WireEvent, donorKey: String, _ batch: inout WriteBatch) async throws {
        let p = try PayloadCheck.decode(DonorRegisteredPayload.self, event)
        try PayloadCheck.check(p, today: today)
        if try await store.donor(key: donorKey) != nil {
            throw CentralError.badRequest("donor_exists", "This donor_key is registered already.")
        }
        var record = DonorRecord(key: donorKey, idHash: keys.idHash(p.idNumber), house: event.house,
                                 registeredHLC: event.hlc, registrationEventID: event.id)
        guard let existing = try await store.donor(idHash: record.idHash) else {
            batch.donors.append(record)
            return
        }
        let newWins = (event.hlc, event.id) < (existing.registeredHLC, existing.registrationEventID)
        let (winner, loser) = newWins ? (record, existing) : (existing, record)
        if newWins { batch.merges.append((from: existing.key, into: donorKey)) } else { record.mergedInto = existing.key }
        batch.donors.append(record)
        let merged = try centralEvent(.donorMerged, donorKey: winner.key, author: "central", payload: DonorMergedPayload(
            fromDonorKey: loser.key, intoDonorKey: winner.key, registrations: [loser.registrationEventID, winner.registrationEventID]))
        batch.events.append((merged, city))
        batch.flags.append(ReviewFlag(
            kind: "duplicate_registration", donorKey: winner.key, eventIDs: [existing.registrationEventID, event.id],
            message: "The same ID number was registered at \(existing.house) and \(event.house); donor \(loser.key) was merged into \(winner.key), the earliest registration.",
            createdAt: now))
    }

    /// Throws unless `id` is an event of `kind` for the same (merged) donor.
    func requireTarget(_ id: String, kind: EventKind, canonical: String) async throws {
        guard let target = try await store.event(id: id), target.event.kind == kind.rawValue, let key = target.event.donorKey,
              try await store.donorKeys(canonical: canonical).contains(key) else {
            throw CentralError.badRequest("unknown_target", "There is no \(kind.rawValue) event \(id) for this donor.")
        }
    }

    /// Flags a donation that breaks an interval rule against a donation recorded at another
    /// house (each house could not see the other's while offline). Uses EligibilityEngine on
    /// the pair, in date order, and keeps only its interval findings.
    func intervalFlags(_ event: WireEvent, _ donation: Donation, canonical: String) async throws -> [ReviewFlag] {
        guard donation.kind.procedure != nil, policy.intervals.outcomes.contains(donation.outcome) else { return [] }
        let history = try await DonorHistory.load(store: store, canonical: canonical, keys: keys)
        var flags: [ReviewFlag] = []
        for other in history.donations where other.house != event.house && other.donation.kind.procedure != nil
            && policy.intervals.outcomes.contains(other.donation.outcome) {
            let (first, second) = (other.donation.date, other.donation.id) <= (donation.date, donation.id)
                ? (other.donation, donation) : (donation, other.donation)
            guard let before = second.kind.procedure, let after = first.kind.procedure else { continue }
            let decision = EligibilityEngine.decide(
                EligibilityInput(donor: history.profile, history: [first], procedure: before, date: second.date), policy: policy)
            if decision.failures.contains(where: { $0.code == RuleCode.interval(after: after, before: before) }) {
                flags.append(ReviewFlag(
                    kind: "interval_conflict", donorKey: canonical, eventIDs: [first.id, second.id],
                    message: "\(first.kind.rawValue) on \(first.date.iso) and \(second.kind.rawValue) on \(second.date.iso) at two houses break the policy's interval.",
                    createdAt: now))
            }
        }
        return flags
    }

    /// Flags an activation the centre's events do not support: the card and tier are recomputed
    /// with DonorCore's `CardStatus` on the day of issue. Accepted anyway: the house may hold
    /// donations the centre has not received yet.
    func cardFlags(_ event: WireEvent, _ p: CardActivatedPayload, canonical: String) async throws -> [ReviewFlag] {
        let history = try await DonorHistory.load(store: store, canonical: canonical, keys: keys)
        let status = CardStatus(history: history.rulesHistory, on: p.issuedAt, policy: policy)
        guard status.effective != p.card || (p.tier != nil && status.tier?.id != p.tier) else { return [] }
        return [ReviewFlag(
            kind: "card_mismatch", donorKey: canonical, eventIDs: [event.id],
            message: "\(event.house) activated a \(p.card.rawValue) card (tier \(p.tier ?? "none")) on \(p.issuedAt.iso); the centre's events give \(status.effective?.rawValue ?? "no card") (tier \(status.tier?.id ?? "none")).",
            createdAt: now)]
    }
}
