import DonorCore
import SyncWire

/// Deciding what one pushed event changes: validation against its kind and the registry, and
/// the conflicts only the centre can see (accepted, but flagged for review).
extension CentralService {
    /// The write batch for an event, or a `CentralError` that rejects it.
    func plan(_ prepared: PreparedEvent, view: IngestView) async throws -> WriteBatch {
        let event = prepared.event
        guard let kind = EventKind(rawValue: event.kind) else {
            throw CentralError.badRequest("unknown_kind", "The centre does not know the event kind '\(event.kind)'.")
        }
        guard !kind.isCentralOnly else {
            throw CentralError.badRequest("central_only", "Only the centre makes \(kind.rawValue) events.")
        }
        guard HLC(event.hlc) != nil else {
            throw CentralError.badRequest("invalid_hlc", "The hlc is not of the form MILLISECONDS(18 digits)-COUNTER(5 digits)-DEVICE.")
        }
        try PayloadCheck.checkText(event)
        var batch = WriteBatch(receivedAt: now)
        batch.events = [(try prepared.sealed.get(), city)]
        guard let donorKey = event.donorKey else {
            if kind.needsDonor { throw CentralError.badRequest("missing_donor_key", "A \(kind.rawValue) event must name its donor_key.") }
            try await planWithoutDonor(kind, event, view: view, &batch)
            return batch
        }
        if kind == .donorRegistered {
            try await planRegistration(event, idHash: prepared.idHash, donorKey: donorKey, view: view, &batch)
            return batch
        }
        guard let donor = try await view.donor(key: donorKey) else {
            throw CentralError.badRequest("unknown_donor", "No donor with this donor_key is registered at the centre; push the donor.registered event first.")
        }
        let canonical = donor.mergedInto ?? donor.key
        switch kind {
        case .donationRecorded:
            let p = try PayloadCheck.decode(DonationRecordedPayload.self, event)
            try PayloadCheck.check(p.facts, policy: policy, today: today)
            try checkDonor(p.donor, event)
            try PayloadCheck.checkIdentifier(p.donation, "donation")
            let history = try await DonorHistory.load(view: view, canonical: canonical)
            guard !history.donations.contains(where: { $0.donation.id == p.donation }) else {
                throw CentralError.badRequest("donation_exists", "A donation with id \(p.donation) is recorded already.")
            }
            batch.flags += intervalFlags(event, p.facts.donation(id: p.donation), canonical: canonical, history: history)
        case .donationCorrected:
            let p = try PayloadCheck.decode(DonationCorrectedPayload.self, event)
            try PayloadCheck.check(p.facts, policy: policy, today: today)
            try checkDonor(p.donor, event)
            let history = try await DonorHistory.load(view: view, canonical: canonical)
            guard history.donations.contains(where: { $0.donation.id == p.donation }) else { throw Self.unknownTarget("donation", p.donation) }
        case .donationVoided:
            let p = try PayloadCheck.decode(DonationVoidedPayload.self, event)
            try checkDonor(p.donor, event)
            let history = try await DonorHistory.load(view: view, canonical: canonical)
            guard history.donations.contains(where: { $0.donation.id == p.donation }) else { throw Self.unknownTarget("donation", p.donation) }
        case .deferralAdded:
            let p = try PayloadCheck.decode(DeferralAddedPayload.self, event)
            try checkDonor(p.donor, event)
            try PayloadCheck.checkIdentifier(p.deferral.id, "deferral")
            guard policy.deferralRule(p.deferral.rule) != nil else {
                throw CentralError.badRequest("unknown_rule", "The policy has no deferral rule '\(p.deferral.rule)'.")
            }
            guard p.deferral.source != .lab else { throw CentralError.badRequest("central_only", "Lab deferrals come from the centre, not from a house.") }
            if let until = p.deferral.until, until <= p.deferral.from {
                throw CentralError.badRequest("invalid_dates", "A deferral's end must come after its start.")
            }
        case .deferralLifted:
            let p = try PayloadCheck.decode(DeferralLiftedPayload.self, event)
            try checkDonor(p.donor, event)
            let history = try await DonorHistory.load(view: view, canonical: canonical)
            guard history.deferrals.contains(where: { $0.id == p.deferral }) else { throw Self.unknownTarget("deferral", p.deferral) }
        case .cardActivated:
            let p = try PayloadCheck.decode(CardActivatedPayload.self, event)
            try checkDonor(p.donor, event)
            let pseudonym = CardQR.pseudonym(donorKey: donorKey)
            guard p.pseudonym == nil || p.pseudonym == pseudonym else {
                throw CentralError.badRequest("pseudonym_mismatch", "The card's pseudonym is not the one of this donor_key.")
            }
            guard p.keyID == nil || p.keyID == event.device else {
                throw CentralError.badRequest("key_mismatch", "A card must be signed with the key of the device that activated it.")
            }
            batch.flags += try await cardFlags(event, p, canonical: canonical, view: view)
            batch.certificates.append(CertificateRecord(
                activationID: event.id, donorKey: canonical, pseudonym: pseudonym, card: p.card.rawValue, tier: p.tier,
                validThrough: p.validThrough?.iso, issuedAt: p.date.iso, keyID: event.device, hlc: event.hlc))
        case .donorMerged:
            let p = try PayloadCheck.decode(DonorMergedPayload.self, event)
            guard p.source == donorKey, p.source != p.target, let target = try await view.donor(key: p.target) else {
                throw CentralError.badRequest("invalid_merge", "A merge names the event's donor as source and another registered donor as target.")
            }
            batch.merges.append((from: p.source, into: target.mergedInto ?? target.key))
        case .donorUnmerged:
            let p = try PayloadCheck.decode(DonorUnmergedPayload.self, event)
            guard p.source == donorKey, let merge = try await view.event(id: p.merge), merge.kind == EventKind.donorMerged.rawValue else {
                throw Self.unknownTarget("donor.merged event", p.merge)
            }
            var restored = donor
            restored.mergedInto = nil
            batch.donors.append(restored)
        case .donorUpdated:
            _ = try PayloadCheck.decode(DonorUpdatedPayload.self, event)
        case .queueTicketed:
            let p = try PayloadCheck.decode(QueueTicketedPayload.self, event)
            try checkDonor(p.donor, event)
            try PayloadCheck.check(p, today: today)
        case .eligibilityOverridden:
            let p = try PayloadCheck.decode(EligibilityOverriddenPayload.self, event)
            try checkDonor(p.donor, event)
            try PayloadCheck.check(p, today: today)
        case .answersSaved, .vitalsSaved, .cardRevoked, .donorRegistered:
            // Opaque kinds: kept as they came. (The others are handled above.)
            break
        }
        return batch
    }

    /// Kinds that may come without a donor: `card.revoked`.
    func planWithoutDonor(_ kind: EventKind, _ event: WireEvent, view: IngestView, _ batch: inout WriteBatch) async throws {
        guard kind == .cardRevoked else { return }
        let p = try PayloadCheck.decode(CardRevokedPayload.self, event)
        guard let target = try await view.event(id: p.activationID), target.kind == EventKind.cardActivated.rawValue else {
            throw CentralError.badRequest("unknown_target", "There is no card.activated event \(p.activationID).")
        }
        batch.revokedCertificates.append(p.activationID)
    }

    /// A new registration; the same ID number registered under another key is merged: the
    /// earliest HLC (then the smaller event id) survives, whichever arrives first.
    func planRegistration(_ event: WireEvent, idHash: String?, donorKey: String, view: IngestView, _ batch: inout WriteBatch) async throws {
        let p = try PayloadCheck.decode(DonorRegisteredPayload.self, event)
        try PayloadCheck.check(p, today: today)
        try checkDonor(p.donor, event)
        if try await view.donor(key: donorKey) != nil {
            throw CentralError.badRequest("donor_exists", "This donor_key is registered already.")
        }
        var record = DonorRecord(key: donorKey, idHash: idHash ?? keys.idHash(p.idNumber), house: event.house,
                                 registeredHLC: event.hlc, registrationEventID: event.id)
        guard let existing = try await view.donor(idHash: record.idHash) else {
            batch.donors.append(record)
            return
        }
        let newWins = (event.hlc, event.id) < (existing.registeredHLC, existing.registrationEventID)
        let (winner, loser) = newWins ? (record, existing) : (existing, record)
        if newWins { batch.merges.append((from: existing.key, into: donorKey)) } else { record.mergedInto = existing.key }
        batch.donors.append(record)
        let merged = try centralEvent(.donorMerged, donorKey: loser.key, author: "central", payload: DonorMergedPayload(
            source: loser.key, target: winner.key,
            reason: "same ID number registered at two houses (events \(loser.registrationEventID) and \(winner.registrationEventID)); the earliest registration is kept"))
        batch.events.append((merged, city))
        batch.flags.append(ReviewFlag(
            kind: "duplicate_registration", donorKey: winner.key, eventIDs: [existing.registrationEventID, event.id],
            message: "The same ID number was registered at \(existing.house) and \(event.house); donor \(loser.key) was merged into \(winner.key), the earliest registration.",
            createdAt: now))
    }

    static func unknownTarget(_ what: String, _ id: String) -> CentralError {
        .badRequest("unknown_target", "There is no \(what) \(id) for this donor.")
    }

    /// A payload's `donor`, when given, must be the envelope's `donor_key`.
    func checkDonor(_ donor: String?, _ event: WireEvent) throws {
        guard donor == nil || donor == event.donorKey else {
            throw CentralError.badRequest("donor_mismatch", "The payload's donor is not the event's donor_key.")
        }
    }

    /// Flags a donation that breaks an interval rule against a donation recorded at another
    /// house (each house could not see the other's while offline). Uses EligibilityEngine on
    /// the pair, in date order, and keeps only its interval findings.
    func intervalFlags(_ event: WireEvent, _ donation: Donation, canonical: String, history: DonorHistory) -> [ReviewFlag] {
        guard donation.kind.procedure != nil, policy.intervals.outcomes.contains(donation.outcome) else { return [] }
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
    func cardFlags(_ event: WireEvent, _ p: CardActivatedPayload, canonical: String, view: IngestView) async throws -> [ReviewFlag] {
        let history = try await DonorHistory.load(view: view, canonical: canonical)
        let status = CardStatus(history: history.rulesHistory, on: p.date, policy: policy)
        guard status.effective != p.card || (p.tier != nil && status.tier?.id != p.tier) else { return [] }
        return [ReviewFlag(
            kind: "card_mismatch", donorKey: canonical, eventIDs: [event.id],
            message: "\(event.house) activated a \(p.card.rawValue) card (tier \(p.tier ?? "none")) on \(p.date.iso); the centre's events give \(status.effective?.rawValue ?? "no card") (tier \(status.tier?.id ?? "none")).",
            createdAt: now)]
    }
}
