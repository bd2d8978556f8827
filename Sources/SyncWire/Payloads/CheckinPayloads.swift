import DonorCore

// The check-in kinds are opaque to the centre (kept, never sent to other houses); the kiosk
// reads them, so their payload types live here with the others, in one place.

/// `answers.saved`: the donor's health questionnaire for one day (sensitive).
public struct AnswersSavedPayload: Codable, Sendable, Hashable {
    public var donor: String?
    public var answers: QuestionnaireAnswers

    public init(donor: String? = nil, answers: QuestionnaireAnswers) {
        self.donor = donor
        self.answers = answers
    }
}

/// `vitals.saved`: the pre-donation check on `date` (sensitive).
public struct VitalsSavedPayload: Codable, Sendable, Hashable {
    public var donor: String?
    public var date: LocalDate
    public var vitals: Vitals

    public init(donor: String? = nil, date: LocalDate, vitals: Vitals) {
        self.donor = donor
        self.date = date
        self.vitals = vitals
    }
}
