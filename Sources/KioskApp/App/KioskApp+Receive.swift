import DonorCore
import TerminalUI

/// Answers from the services, applied to the screen that asked.
extension KioskApp {
    func receive(_ message: KioskMessage, _ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        let context = self.context(state)
        if state.session == nil {
            // Locked while a call was under way: its answer must not open a screen.
            switch message {
            case .signedIn, .refreshed: break
            default: return (state, [])
            }
        }
        switch message {
        case .signedIn(.success(let session)):
            state.session = session
            return perform(.home, state)
        case .signedIn(.failure(let error)):
            if case .signIn(var screen) = state.screen {
                screen.refused(error.messageKey)
                state.screen = .signIn(screen)
            }
            return (state, [])
        case .refreshed(let queue, let figures, let sync):
            state.queue = queue
            state.figures = figures
            state.sync = sync
            if case .home(var screen) = state.screen {
                screen.refresh(queue: queue, figures: figures)
                state.screen = .home(screen)
            }
            if case .day(var screen) = state.screen {
                screen.figures = figures
                state.screen = .day(screen)
            }
            return (state, [])
        case .donorFound(.success(let record), let forCertificate, let answers, let activeCard):
            // While the registry downloads, a donor not found may simply not be loaded yet.
            let stillLoading = state.sync.bootstrap.map { Self.progressWords($0, context) }
            if forCertificate {
                guard let record else {
                    return show(stillLoading.map { context("sync.still_loading_lookup", ["progress": $0]) } ?? context("error.not_found"),
                                .error, state)
                }
                state.screen = .certificate(CertificateScreen(record: record, activeCard: activeCard))
                return (state, [])
            }
            if case .checkIn(var screen) = state.screen {
                screen.found(record, context, registryLoading: stillLoading, answers: answers)
                state.screen = .checkIn(screen)
            }
            return (state, [])
        case .duplicatesFound(let candidates, let pending):
            guard case .checkIn(var screen) = state.screen else { return (state, []) }
            let intent = screen.duplicates(candidates, of: pending)
            state.screen = .checkIn(screen)
            return perform(intent, state)
        case .registered(.success(let record)):
            return perform(.openQuestionnaire(record), state)
        case .answersLoaded(let record, let answers):
            let todays = Visit.todaysAnswers(answers, today: context.today)
            let visit = Visit(record: record, answers: todays ?? [:])
            state.screen = .questionnaire(QuestionnaireScreen(
                visit: visit, questionCount: policy.questionnaire.questions.count, preloaded: todays != nil))
            return (state, [])
        case .saved(let visit, let toDecision):
            state.screen = toDecision ? .decision(DecisionScreen(visit: visit)) : .vitals(VitalsScreen(visit: visit))
            return (state, [])
        case .overrideChecked(var visit, let override, let ok):
            guard ok else { return show(context("error.wrong_pin"), .error, state) }
            visit.overrides.append(override)
            state.screen = .decision(DecisionScreen(visit: visit))
            return show(context("override.done"), .success, state)
        case .enqueued(.success(let entry)):
            if case .decision(var screen) = state.screen {
                screen.queued = entry
                state.screen = .decision(screen)
            }
            return (state, [refresh()])
        case .donationRecorded(.success(let record), let activeCard):
            state.screen = .certificate(CertificateScreen(record: record, activeCard: activeCard))
            return (state, [refresh()])
        case .donationRecorded(.failure(let error), _):
            if case .collection(var screen) = state.screen {
                screen.busy = false
                screen.errorKey = error.messageKey
                state.screen = .collection(screen)
            }
            return show(context(error.messageKey), .error, state)
        case .activated(.success(let signed)):
            if case .certificate(var screen) = state.screen {
                screen.busy = false
                screen.signed = signed
                state.screen = .certificate(screen)
            }
            return (state, [refresh()])
        case .settingsLoaded(let house, let staff, let problems):
            if case .settings(var screen) = state.screen {
                screen.loaded(house: house, staff: staff)
                screen.syncProblems = problems
                state.screen = .settings(screen)
            }
            return (state, [])
        case .syncProblemsLoaded(let entries):
            if case .syncProblems(var screen) = state.screen {
                screen.loaded(entries)
                state.screen = .syncProblems(screen)
            }
            return (state, [])
        case .staffChanged(let text):
            if case .settings(var screen) = state.screen {
                screen.adding = nil
                state.screen = .settings(screen)
            }
            let (shown, effects) = show(text, .success, state)
            return (shown, effects + [loadSettings()])
        case .exported(let file):
            guard let file else { return show(context("error.export"), .error, state) }
            if case .day(var screen) = state.screen {
                screen.exportedTo = file
                state.screen = .day(screen)
            }
            return (state, [])
        case .donorFound(.failure(let error), _, _, _), .registered(.failure(let error)), .enqueued(.failure(let error)),
             .activated(.failure(let error)), .failed(let error):
            clearBusy(&state)
            return show(context(error.messageKey), .error, state)
        case .input, .tick, .idle, .toastExpired, .selfService, .syncPolled:
            return (state, [])
        }
    }

    /// After a failed call no screen should still say it is working.
    func clearBusy(_ state: inout KioskState) {
        switch state.screen {
        case .checkIn(var screen):
            screen.busy = false
            state.screen = .checkIn(screen)
        case .certificate(var screen):
            screen.busy = false
            state.screen = .certificate(screen)
        default:
            break
        }
    }
}
