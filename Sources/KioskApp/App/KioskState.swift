import DonorCore
import TerminalUI

/// The screen on show and its own state.
public enum Screen: Sendable {
    case signIn(SignInScreen)
    case home(HomeScreen)
    case checkIn(CheckInScreen)
    case questionnaire(QuestionnaireScreen)
    case vitals(VitalsScreen)
    case decision(DecisionScreen)
    case collection(CollectionScreen)
    case certificate(CertificateScreen)
    /// Asking for the ID number of a donor whose certificate is wanted.
    case certificateLookup(CheckInScreen)
    case day(DayScreen)
    case settings(SettingsScreen)
    /// The events the centre refused or flagged (supervisor, from settings).
    case syncProblems(SyncProblemsScreen)
    /// The donor self-service mode: no staff session, every key stays here.
    case selfService(SelfServiceScreen)
}

/// Everything the kiosk shows and remembers between keys.
public struct KioskState: Sendable {
    /// "zh-Hans" or "en".
    public var language: String
    public var session: StaffSession?
    public var screen: Screen
    /// The last home data, kept so going home shows it at once while it refreshes.
    public var queue: [QueueEntry] = []
    public var figures = DayFigures()
    public var sync = SyncStatus(online: false, pendingEvents: 0, lastSync: nil)
    public var toast: Toast?
    public var toastSerial = 0
    /// The wall clock as "HH:MM", updated by the tick.
    public var clock: String
    /// A service call that will change the screen is under way: keys typed meanwhile wait in
    /// `typeAhead` and are applied, in order, to the screen it opens. A fast volunteer's keys
    /// then land where they were meant, never on the screen that is about to go.
    public var awaiting = false
    /// Keys typed while `awaiting`.
    public var typeAhead: [InputEvent] = []
    /// Home was opened and its queue is being reloaded: keys (↓, Enter) wait for the fresh
    /// queue, so they never pick a row from the old one.
    public var awaitingHome = false
    /// Counts wipes of the self-service screen: an answer from before the latest wipe is dropped.
    public var selfServiceGeneration = 0

    public init(language: String, screen: Screen, clock: String) {
        self.language = language
        self.screen = screen
        self.clock = clock
    }
}

/// What can happen: a key, or the answer of a service call.
public enum KioskMessage: Sendable {
    case input(InputEvent)
    case tick(clock: String)
    case idle
    case toastExpired(Int)
    case signedIn(Result<StaffSession, ServiceError>)
    case refreshed(queue: [QueueEntry], figures: DayFigures, sync: SyncStatus)
    case donorFound(Result<DonorRecord?, ServiceError>, forCertificate: Bool, answers: QuestionnaireAnswers? = nil,
                    activeCard: SignedCard? = nil)
    case duplicatesFound([DonorRecord], pending: RegistryDonor)
    case registered(Result<DonorRecord, ServiceError>)
    case answersLoaded(DonorRecord, QuestionnaireAnswers?)
    case saved(next: Visit, toDecision: Bool)
    case overrideChecked(Visit, RuleOverride, ok: Bool)
    case enqueued(Result<QueueEntry, ServiceError>)
    case donationRecorded(Result<DonorRecord, ServiceError>, activeCard: SignedCard? = nil)
    case activated(Result<SignedCard, ServiceError>)
    case exported(String?)
    /// The header's sync state, polled every few seconds.
    case syncPolled(SyncStatus)
    /// The settings screen's data: the house, the staff list and how many sync problems there are.
    case settingsLoaded(HouseSettings, [StaffMember], syncProblems: Int)
    case syncProblemsLoaded([SyncProblemEntry])
    /// A staff account was added or unlocked: the settings screen says so and reloads.
    case staffChanged(String)
    case failed(ServiceError)
    /// An answer for the self-service screen, for the wipe `generation` it was asked in.
    case selfService(SelfServiceAnswer, generation: Int)

    /// Whether this is the answer to a call that moves the screen on (and so ends `awaiting`).
    var isAnswer: Bool {
        switch self {
        case .input, .tick, .idle, .toastExpired, .refreshed, .selfService, .syncPolled: return false
        default: return true
        }
    }
}
