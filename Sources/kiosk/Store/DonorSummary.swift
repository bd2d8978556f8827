import DonorCore
import KioskStore

/// The JSON shape of `kiosk donor show` (field names documented in the README). The full
/// document number never appears: only `masked_id_number`.
struct DonorSummary: Encodable {
    struct Person: Encodable {
        var id: String
        var masked_id_number: String
        var document_type: String
        var name: String
        var sex: String
        var age: Int
        var blood_type: String?
    }
    struct Entry: Encodable {
        var date: String
        var kind: String
        var volume_ml: Int?
        var doses: Int?
        var outcome: String
        var region: String?
        var voided: Bool
        var counts: CountValue
    }
    /// A deferral in force; for anyone but a supervisor a permanent one carries only `message`.
    struct DeferralEntry: Encodable {
        var permanent: Bool
        var rule: String?
        var rule_name: String?
        var source: String?
        var from: String?
        var until: String?
        var message: String
    }

    var date: String
    var viewer: String
    var donor: Person
    /// Donations not voided.
    var donations: Int
    var counts: CountValue
    /// Millilitres of whole blood and plasma given (not voided).
    var volume_ml: Int
    var platelet_doses: Int
    var history: [Entry]
    var deferrals: [DeferralEntry]
    var card: CardReport
    /// Procedure → first possible date, or null when time alone will not allow it.
    var next_possible: [String: String?]

    init(file: DonorFile, vitals: Vitals?, on date: LocalDate, viewer: Viewer, policy: Policy, text: DecisionText) {
        let s = text.strings
        let person = file.donor
        self.date = date.iso
        self.viewer = viewer.rawValue
        donor = Person(id: person.id.rawValue, masked_id_number: person.maskedIDNumber,
                       document_type: person.documentType.rawValue, name: person.name, sex: person.sex.rawValue,
                       age: person.birthDate.age(on: date), blood_type: person.bloodType?.description)
        let given = CountCalculator.chronological(file.history)
        let counted = given.filter { !$0.voided }
        donations = counted.count
        counts = CountCalculator.total(counted, policy: policy)
        volume_ml = counted.filter { $0.kind == .wholeBlood || $0.kind == .plasma }.reduce(0) { $0 + ($1.volumeML ?? 0) }
        platelet_doses = counted.filter { $0.kind == .platelets }.reduce(0) { $0 + ($1.doses ?? 0) }
        history = given.map {
            Entry(date: $0.date.iso, kind: $0.kind.rawValue, volume_ml: $0.volumeML, doses: $0.doses, outcome: $0.outcome.rawValue,
                  region: $0.region, voided: $0.voided, counts: CountCalculator.counts(of: $0, policy: policy))
        }
        deferrals = file.deferrals.filter { !$0.lifted && $0.from <= date && ($0.until.map { date < $0 } ?? true) }.map { d in
            let name = policy.deferralRule(d.rule).map { s.pick($0.name) } ?? d.rule
            if d.isPermanent && !viewer.seesPermanentDeferralReason {
                return DeferralEntry(permanent: true, message: s("eligibility.see_nurse"))
            }
            let message = d.isPermanent
                ? s("donor.deferral_permanent", ["rule_name": name, "source_name": s("deferral.source.\(d.source.rawValue)")])
                : s("donor.deferral_temporary", ["rule_name": name, "until": d.until?.iso ?? ""])
            return DeferralEntry(permanent: d.isPermanent, rule: d.rule, rule_name: name, source: d.source.rawValue,
                                 from: d.from.iso, until: d.until?.iso, message: message)
        }
        card = CardReport(history: file.history, on: date, policy: policy, text: text)
        // The next dates do not depend on the procedure asked about; whole blood is as good as any.
        let decision = EligibilityEngine.decide(file.eligibilityInput(procedure: .wholeBlood, date: date, vitals: vitals ?? Vitals()),
                                                policy: policy).redacted(for: viewer)
        next_possible = Dictionary(uniqueKeysWithValues: Procedure.allCases.map { ($0.rawValue, decision.nextPossible[$0]?.iso) })
    }

    /// The human form, in the order a volunteer reads it out.
    func lines(_ text: DecisionText) -> [String] {
        let s = text.strings
        let language: MessageLanguage = s.isChinese ? .zhHans : .en
        var lines = [s("donor.header", ["name": donor.name, "masked": donor.masked_id_number])]
        lines.append("  " + s("donor.profile", [
            "sex": s("sex.\(donor.sex)"), "age": "\(donor.age)", "blood": donor.blood_type ?? s("donor.blood_unknown"),
            "document": IdentityDocumentType(rawValue: donor.document_type)?.displayName(in: language) ?? donor.document_type]))
        lines.append("  " + s("donor.totals", ["n": "\(donations)", "counts": counts.description,
                                               "volume": "\(volume_ml)", "doses": "\(platelet_doses)"]))
        lines.append(s("donor.history_title"))
        if history.isEmpty { lines.append("  " + s("donor.history_none")) }
        for entry in history {
            let amount = entry.volume_ml.map { s("donor.amount_ml", ["n": "\($0)"]) }
                ?? entry.doses.map { s("donor.amount_doses", ["n": "\($0)"]) } ?? ""
            var line = "  \(entry.date)  " + s("procedure.\(entry.kind)") + (amount.isEmpty ? "" : " " + amount)
                + "  " + s("outcome.\(entry.outcome)")
            if let region = entry.region { line += "  " + s("donor.region", ["region": region]) }
            if entry.voided { line += "  " + s("donor.voided") }
            lines.append(line)
        }
        if deferrals.isEmpty { lines.append(s("donor.deferral_none")) }
        lines += deferrals.map { "⚠ " + $0.message }
        lines += card.lines(text: text)
        lines.append(s("eligibility.next_title"))
        for procedure in Procedure.allCases {
            let when = (next_possible[procedure.rawValue] ?? nil).map {
                $0 == date ? s("eligibility.next.today") : s("eligibility.next.from", ["date": $0])
            } ?? s("eligibility.next.never")
            lines.append("  " + s("eligibility.next_line", ["procedure": text.procedure(procedure), "when": when]))
        }
        return lines
    }
}

extension DonorSummary.DeferralEntry {
    /// A permanent deferral as a non-supervisor sees it: no rule, source or dates.
    init(permanent: Bool, message: String) {
        self.init(permanent: permanent, rule: nil, rule_name: nil, source: nil, from: nil, until: nil, message: message)
    }
}
