import DonorCore
import GRDB
import SyncWire

/// Everything the check-in and self-service screens show about one donor, read in one
/// consistent snapshot: pass `history` to `CardStatus` and the whole file to the eligibility
/// engine (`eligibilityInput(procedure:date:vitals:)`).
public struct DonorFile: Sendable, Hashable {
    /// The donor (the merge root when the record asked for was merged).
    public var donor: StoredDonor
    public var history: [Donation]
    public var deferrals: [Deferral]
    public var latestAnswers: QuestionnaireAnswers?
    public var activations: [CardActivatedPayload]

    /// The input for `EligibilityEngine.decide`, with today's answers only when they were
    /// given on `date` (yesterday's questionnaire does not speak for today).
    public func eligibilityInput(procedure: Procedure, date: LocalDate, vitals: Vitals = Vitals(),
                                 overrides: [RuleOverride] = []) -> EligibilityInput {
        EligibilityInput(donor: donor.profile, history: history, deferrals: deferrals,
                         answers: latestAnswers?.date == date ? latestAnswers : nil, vitals: vitals,
                         procedure: procedure, date: date, overrides: overrides)
    }
}

extension KioskStore {
    /// The donor's whole file (history, deferrals, answers, activations of every merged
    /// record) in one read.
    public func file(of donor: DonorID) throws(StoreError) -> DonorFile {
        try read { db in
            let row = try rootRow(of: try donorRow(donor, in: db), in: db)
            guard let stored = try storedDonor(row: row, in: db) else {
                throw StoreError(.notFound, "no donor with this id", field: "donor")
            }
            return DonorFile(donor: stored, history: try history(ofRow: row, in: db),
                             deferrals: try deferrals(ofRow: row, in: db),
                             latestAnswers: try latestAnswers(ofRow: row, in: db),
                             activations: try activations(ofRow: row, in: db).map(\.activation))
        }
    }
}
