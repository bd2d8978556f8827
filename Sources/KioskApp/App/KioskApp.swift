import DonorCore
import Foundation
import TerminalUI

/// The volunteer and nurse kiosk: sign-in, home, check-in, questionnaire, check, decision,
/// collection, certificate and the day's figures, in the Elm architecture.
///
/// Keys go to the screen on show, which returns an `Intent`; the app turns intents into
/// service calls (effects) and their answers into screen changes. F12 switches the language
/// and F11 locks on every screen; the session locks itself after the configured idle time.
public struct KioskApp: TerminalApp, Sendable {
    public let services: any KioskServices
    public let policy: Policy
    /// The UI texts by language ("zh-Hans", "en").
    public let strings: [String: UIStrings]
    public let houseName: String
    public let defaultLanguage: String
    public let staffIdleSeconds: Int
    /// Seconds untouched before the self-service screen wipes itself.
    public let selfServiceIdleSeconds: Int
    /// Whether the kiosk faces the room: it starts on the self-service screen.
    public let startsInSelfService: Bool
    /// The mascots of the attract screen.
    public let art: SelfServiceScreen.Art
    /// Where CSV exports go.
    public let exportDirectory: String
    /// Today's date in the house's calendar; injected so tests fix the day.
    public let today: @Sendable () -> LocalDate
    /// The wall clock as "HH:MM"; injected so snapshots are stable.
    public let clock: @Sendable () -> String

    public init(
        services: any KioskServices, policy: Policy, strings: [String: UIStrings], houseName: String,
        language: String, staffIdleSeconds: Int, selfServiceIdleSeconds: Int, exportDirectory: String,
        today: @escaping @Sendable () -> LocalDate, clock: @escaping @Sendable () -> String,
        startsInSelfService: Bool = false, art: SelfServiceScreen.Art = SelfServiceScreen.Art(left: nil, right: nil)
    ) {
        self.selfServiceIdleSeconds = selfServiceIdleSeconds
        self.startsInSelfService = startsInSelfService
        self.art = art
        self.services = services
        self.policy = policy
        self.strings = strings
        self.houseName = houseName
        self.defaultLanguage = language
        self.staffIdleSeconds = staffIdleSeconds
        self.exportDirectory = exportDirectory
        self.today = today
        self.clock = clock
    }

    public var idleTimeout: Duration? { .seconds(staffIdleSeconds) }
    public func idleTimeout(in state: KioskState) -> Duration? {
        if case .selfService = state.screen { return .seconds(selfServiceIdleSeconds) }
        return idleTimeout
    }
    public func idleMessage() -> KioskMessage? { .idle }

    /// The context screens read, in the state's language.
    public func context(_ state: KioskState) -> ScreenContext {
        ScreenContext(
            strings: strings[state.language] ?? strings[defaultLanguage] ?? UIStrings(language: state.language, texts: [:]),
            policy: policy, today: today(), now: state.clock, session: state.session)
    }

    public func start() -> (KioskState, [Effect<KioskMessage>]) {
        let state = KioskState(language: defaultLanguage, screen: .signIn(SignInScreen()), clock: clock())
        let effects: [Effect<KioskMessage>] = [tick(), pollSync(), .task { [services] in
            .refreshed(queue: [], figures: DayFigures(), sync: await services.syncStatus())
        }]
        guard startsInSelfService else { return (state, effects) }
        let (selfService, more) = enterSelfService(state, by: nil)
        return (selfService, effects + more)
    }

    /// Reads the sync state for the header every few seconds, so "online" and the events
    /// waiting follow the background sync without a key being pressed.
    func pollSync() -> Effect<KioskMessage> {
        let services = self.services
        return .task {
            try? await Task.sleep(for: .seconds(3))
            return .syncPolled(await services.syncStatus())
        }
    }

    func tick() -> Effect<KioskMessage> {
        let clock = self.clock
        return .task {
            try? await Task.sleep(for: .seconds(20))
            return .tick(clock: clock())
        }
    }

    public func message(for event: InputEvent, in state: KioskState) -> KioskMessage? { .input(event) }

    public func update(_ state: KioskState, _ message: KioskMessage) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        switch message {
        case .input(let event):
            return handle(event, state)
        case .tick(let clock):
            state.clock = clock
            if case .selfService(var screen) = state.screen {
                // The attract screen's benefit lines move on with the clock.
                screen.rotation += 1
                state.screen = .selfService(screen)
            }
            return (state, [tick()])
        case .syncPolled(let sync):
            state.sync = sync
            if case .settings(var screen) = state.screen, screen.syncProblems != nil {
                screen.syncProblems = sync.problems
                state.screen = .settings(screen)
            }
            return noticeChangedDonors(sync.changedDonors, state, then: [pollSync()])
        case .selfService(let answer, let generation):
            return receiveSelfService(answer, generation: generation, state)
        case .idle:
            if case .selfService = state.screen { return wipe(state) }
            guard state.session != nil else { return (state, []) }
            return perform(.lock, state)
        case .toastExpired(let serial):
            if serial == state.toastSerial { state.toast = nil }
            return (state, [])
        default:
            var isRefresh = false
            if case .refreshed = message { isRefresh = true }
            guard message.isAnswer || (isRefresh && state.awaitingHome) else { return receive(message, state) }
            state.awaiting = false
            state.awaitingHome = false
            var (next, effects) = receive(message, state)
            // Replay what was typed while waiting, until a key starts another wait.
            while !next.awaiting, !next.typeAhead.isEmpty {
                let event = next.typeAhead.removeFirst()
                let (after, more) = handle(event, next)
                next = after
                effects += more
            }
            return (next, effects)
        }
    }

    /// Keys every screen shares, then the screen's own.
    func handle(_ event: InputEvent, _ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        if case .selfService(let screen) = state.screen {
            // Nothing is global here: no quit, no lock, no staff screen; only the screen decides.
            return handleSelfService(event, screen, state)
        }
        if state.awaiting, !Self.isGlobal(event) {
            state.typeAhead.append(event)
            return (state, [])
        }
        switch event {
        case .key(.function(12)):
            return perform(.toggleLanguage, state)
        case .key(.function(11)) where state.session != nil:
            return perform(.lock, state)
        case .key(.function(10)), .key(.ctrl("q")):
            if case .signIn = state.screen { return (state, [.quit]) }
            if case .home = state.screen { return (state, [.quit]) }
        default:
            break
        }
        if case .scan(let text) = event, !Self.takesScans(state.screen) {
            // A burst ended by Enter (a fast typist, a paste, a reader) on a screen with no use
            // for scans is what it looks like: the text, then Enter.
            let (typed, first) = handle(.text(text), state)
            let (entered, second) = handle(.key(.enter), typed)
            return (entered, first + second)
        }
        let context = self.context(state)
        let intent: Intent
        switch state.screen {
        case .signIn(var screen):
            intent = screen.handle(event, context)
            state.screen = .signIn(screen)
        case .home(var screen):
            intent = screen.handle(event, context)
            state.screen = .home(screen)
        case .checkIn(var screen):
            intent = screen.handle(event, context)
            state.screen = .checkIn(screen)
        case .certificateLookup(var screen):
            intent = screen.handle(event, context)
            state.screen = .certificateLookup(screen)
        case .questionnaire(var screen):
            intent = screen.handle(event, context)
            state.screen = .questionnaire(screen)
        case .vitals(var screen):
            intent = screen.handle(event, context)
            state.screen = .vitals(screen)
        case .decision(var screen):
            intent = screen.handle(event, context)
            state.screen = .decision(screen)
        case .collection(var screen):
            intent = screen.handle(event, context)
            state.screen = .collection(screen)
        case .certificate(var screen):
            intent = screen.handle(event, context)
            state.screen = .certificate(screen)
        case .day(var screen):
            intent = screen.handle(event, context)
            state.screen = .day(screen)
        case .settings(var screen):
            intent = screen.handle(event, context)
            state.screen = .settings(screen)
        case .syncProblems(var screen):
            intent = screen.handle(event, context)
            state.screen = .syncProblems(screen)
        case .selfService:
            intent = .none
        }
        return perform(intent, state)
    }

    /// Keys that act at once even while a call is under way: language, lock, quit.
    static func isGlobal(_ event: InputEvent) -> Bool {
        switch event {
        case .key(.function(10)), .key(.function(11)), .key(.function(12)), .key(.ctrl("q")): return true
        default: return false
        }
    }

    /// Screens that read scans themselves: an ID card at home or check-in, a bag at collection.
    static func takesScans(_ screen: Screen) -> Bool {
        switch screen {
        case .signIn, .home, .certificateLookup, .collection, .selfService: return true
        case .checkIn(let screen): return !screen.isRegistering
        default: return false
        }
    }

    /// Shows a toast and arms its dismissal.
    func show(_ text: String, _ kind: Toast.Kind, _ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        state.toast = Toast(text, kind: kind)
        state.toastSerial += 1
        return (state, [.after(.seconds(4), .toastExpired(state.toastSerial))])
    }

    /// Runs the kiosk full-screen until F10 on the sign-in or home screen.
    public static func run(_ app: KioskApp) {
        Program.runInTerminal(app)
    }
}
