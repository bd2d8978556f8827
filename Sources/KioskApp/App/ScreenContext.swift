import DonorCore
import TerminalUI

/// What every screen may read while handling a key or drawing: the texts in the current
/// language, the policy, today's date and who is signed in. Screens get it as a value, so
/// their `handle` and `view` stay pure.
public struct ScreenContext: Sendable {
    public var strings: UIStrings
    public var policy: Policy
    public var today: LocalDate
    /// "HH:MM", the wall clock when the key was pressed (for collection times).
    public var now: String
    public var session: StaffSession?

    public init(strings: UIStrings, policy: Policy, today: LocalDate, now: String, session: StaffSession?) {
        self.strings = strings
        self.policy = policy
        self.today = today
        self.now = now
        self.session = session
    }

    /// Plain-language sentences for decisions.
    public var text: DecisionText { DecisionText(strings: strings, policy: policy) }

    /// A UI string.
    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String { strings(key, values) }

    /// Who is looking, for redaction; no session reads as a donor (the least allowed).
    public var viewer: Viewer { session?.role ?? .donor }
}

/// One donor's way through check-in, carried from screen to screen.
public struct Visit: Sendable {
    public var record: DonorRecord
    public var answers: [String: Bool]
    public var vitals: Vitals
    public var procedure: Procedure
    public var overrides: [RuleOverride]

    public init(record: DonorRecord, answers: [String: Bool] = [:], vitals: Vitals = Vitals(), procedure: Procedure = .wholeBlood) {
        self.record = record
        self.answers = answers
        self.vitals = vitals
        self.procedure = procedure
        self.overrides = []
    }

    /// The answers of `answers` when they were given on `today`, else nil: older ones describe
    /// another day's health.
    public static func todaysAnswers(_ answers: QuestionnaireAnswers?, today: LocalDate) -> [String: Bool]? {
        answers.flatMap { $0.date == today ? $0.answers : nil }
    }

    /// The decision for this visit as of `date`.
    public func decision(policy: Policy, date: LocalDate) -> EligibilityDecision {
        let donor = record.donor
        return EligibilityEngine.decide(EligibilityInput(
            donor: donor.profile, history: donor.history, deferrals: donor.deferrals,
            answers: QuestionnaireAnswers(date: date, answers: answers), vitals: vitals,
            procedure: procedure, date: date, overrides: overrides), policy: policy)
    }
}

/// What a screen asks the app to do after a key: move to another screen or call a service.
/// The app turns intents into effects, so screens never hold the services.
public enum Intent: Sendable {
    case none
    case quit
    case signIn(number: String, pin: String)
    case lock
    case toggleLanguage
    case home
    case openCheckIn
    case openCollection(QueueEntry?)
    case openCertificate(donorID: String)
    case openCertificateLookup
    case openDay
    /// Hands the kiosk to donors: the staff session ends.
    case openSelfService
    case lookUp(idNumber: String)
    case findDuplicates(RegistryDonor)
    case register(RegistryDonor)
    case openQuestionnaire(DonorRecord)
    case saveAnswers(Visit)
    case saveVitals(Visit)
    case overrideRule(Visit, RuleOverride, pin: String)
    case enqueue(Visit)
    case recordDonation(CollectionFacts)
    case voidDonation(id: String, reason: String, donorID: String)
    case correctDonation(DonationCorrection)
    case activate(donorID: String, status: CardStatus)
    case export(DayFigures)
    case openSettings
    /// The supervisor's list of events the centre refused or flagged.
    case openSyncProblems
    case addStaff(NewStaff)
    case unlockStaff(number: String)
    case toast(String, Toast.Kind)
}

/// A screen's key hints for the status bar: key and UI string key.
public typealias Hint = (key: String, label: String)
