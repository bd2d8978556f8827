import DonorCore
import TerminalUI

/// An answer to one of the self-service screen's calls.
public enum SelfServiceAnswer: Sendable {
    case factor(SecondFactor)
    case verification(Verification)
    case card(SignedCard?)
    case ticket(QueueEntry?)
    case staff(StaffSession?)
    case failed(ServiceError)
}

/// The donor self-service mode: every key goes to `SelfServiceScreen`; F10, F11, Ctrl-Q and
/// the staff keys do nothing here; the idle time-out and the done key wipe it.
extension KioskApp {
    /// Opens the self-service screen holding nobody, with no staff session behind it.
    func enterSelfService(_ state: KioskState, by staff: String?) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        state.session = nil
        state.awaiting = false
        state.awaitingHome = false
        state.typeAhead = []
        state.toast = nil
        state.selfServiceGeneration += 1
        state.language = defaultLanguage
        state.screen = .selfService(SelfServiceScreen())
        let services = self.services
        return (state, [.task { await services.audit("selfservice.open", detail: "", by: staff ?? selfServiceActor); return nil }])
    }

    /// Forgets the donor: a fresh screen, the default language, and answers of calls still
    /// under way discarded (their generation is over).
    func wipe(_ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        state.selfServiceGeneration += 1
        state.language = defaultLanguage
        state.toast = nil
        state.screen = .selfService(SelfServiceScreen())
        return (state, [])
    }

    func handleSelfService(_ event: InputEvent, _ screen: SelfServiceScreen, _ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        var screen = screen
        let intent = screen.handle(event, context(state))
        state.screen = .selfService(screen)
        let services = self.services
        let generation = state.selfServiceGeneration
        func call(_ body: @escaping @Sendable () async throws(ServiceError) -> SelfServiceAnswer) -> [Effect<KioskMessage>] {
            [.task {
                do throws(ServiceError) {
                    return .selfService(try await body(), generation: generation)
                } catch {
                    return .selfService(.failed(error), generation: generation)
                }
            }]
        }
        switch intent {
        case .none:
            return (state, [])
        case .toggleLanguage:
            state.language = state.language == "en" ? "zh-Hans" : "en"
            return (state, [])
        case .wipe:
            return wipe(state)
        case .askFactor(let idNumber):
            return (state, call { () throws(ServiceError) in .factor(try await services.secondFactor(idNumber: idNumber)) })
        case .verify(let idNumber, let answer):
            return (state, call { () throws(ServiceError) in .verification(try await services.verify(idNumber: idNumber, answer: answer)) })
        case .preCheckIn(let donorID, let answers, let wantsTicket):
            return (state, call { () throws(ServiceError) in
                try await services.saveAnswers(answers, donorID: donorID, by: selfServiceActor)
                return .ticket(wantsTicket ? try await services.ticket(donorID: donorID) : nil)
            })
        case .staffSignIn(let number, let pin):
            return (state, [.task {
                let session = try? await services.signIn(number: number, pin: pin)
                return .selfService(.staff(session), generation: generation)
            }])
        }
    }

    func receiveSelfService(_ answer: SelfServiceAnswer, generation: Int, _ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        guard generation == state.selfServiceGeneration, case .selfService(var screen) = state.screen else { return (state, []) }
        var state = state
        let context = self.context(state)
        // The card arrives while the donor already reads (or has left) the page: it never
        // blocked keys, so it must not unblock another call's wait either.
        if case .card = answer {} else { screen.busy = false }
        var effects: [Effect<KioskMessage>] = []
        switch answer {
        case .factor(let factor):
            screen.step = .factor(factor)
            screen.field = SelfServiceScreen.digitsField(factor == .phoneDigits ? 4 : 8)
        case .verification(.verified(let record)):
            screen.record = record
            screen.notice = nil
            screen.step = .page(tab: 0)
            let status = CardStatus(history: record.donor.history, on: context.today, policy: policy)
            let services = self.services
            effects.append(.task {
                let signed = (try? await services.activeCard(donorID: record.id, status: status)) ?? nil
                return .selfService(.card(signed), generation: generation)
            })
        case .verification(.mismatch(let left)):
            screen.field = SelfServiceScreen.digitsField(screen.field.mask.maximumLength ?? 8)
            screen.notice = .init("selfservice.mismatch", ["n": "\(left)"])
        case .verification(.locked(let minutes)):
            screen.field = SelfServiceScreen.digitsField(screen.field.mask.maximumLength ?? 8)
            screen.notice = .init("selfservice.locked", ["minutes": "\(minutes)"])
        case .card(let signed):
            screen.signed = signed
        case .ticket(let entry):
            screen.ticket = entry
            screen.step = .finished
        case .staff(let session):
            guard let session else {
                screen.staffNumber = nil
                screen.field = SelfServiceScreen.digitsField(8)
                screen.notice = .init("error.wrong_pin")
                state.screen = .selfService(screen)
                return (state, [])
            }
            state.session = session
            state.language = defaultLanguage
            let services = self.services
            let (next, more) = perform(.home, state)
            return (next, more + [.task { await services.audit("selfservice.close", detail: "", by: session.number); return nil }])
        case .failed(let error):
            screen.notice = .init(error.messageKey)
        }
        state.screen = .selfService(screen)
        return (state, effects)
    }
}
