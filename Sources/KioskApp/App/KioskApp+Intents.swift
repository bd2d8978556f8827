import DonorCore
import Foundation
import TerminalUI

/// Turning a screen's intent into screen changes and service calls.
extension KioskApp {
    func perform(_ intent: Intent, _ state: KioskState) -> (KioskState, [Effect<KioskMessage>]) {
        var state = state
        if Self.movesScreenLater(intent) { state.awaiting = true }
        let context = self.context(state)
        let services = self.services
        let policy = self.policy
        let staff = state.session?.number ?? ""
        let today = context.today
        switch intent {
        case .none:
            return (state, [])
        case .quit:
            return (state, [.quit])
        case .toast(let text, let kind):
            return show(text, kind, state)
        case .toggleLanguage:
            state.language = state.language == "en" ? "zh-Hans" : "en"
            rebuildForLanguage(&state)
            return (state, [])
        case .lock:
            let number = state.session?.number ?? ""
            state.session = nil
            state.awaiting = false
            state.awaitingHome = false
            state.typeAhead = []
            state.screen = .signIn(SignInScreen(number: number))
            return (state, [.task { await services.audit("lock", detail: "", by: number); return nil }])
        case .signIn(let number, let pin):
            return (state, [.task { () async -> KioskMessage in
                do throws(ServiceError) {
                    return .signedIn(.success(try await services.signIn(number: number, pin: pin)))
                } catch {
                    return .signedIn(.failure(error))
                }
            }])
        case .home:
            state.screen = .home(HomeScreen(queue: state.queue, figures: state.figures))
            state.awaiting = true
            state.awaitingHome = true
            return (state, [refresh()])
        case .openCheckIn:
            state.screen = .checkIn(CheckInScreen(context: context))
            return (state, [])
        case .openCertificateLookup:
            state.screen = .certificateLookup(CheckInScreen(context: context))
            return (state, [])
        case .openSettings:
            guard state.session?.isSupervisor == true else { return show(context("error.supervisor_only"), .error, state) }
            state.screen = .settings(SettingsScreen())
            return (state, [loadSettings()])
        case .openSyncProblems:
            guard state.session?.isSupervisor == true else { return show(context("error.supervisor_only"), .error, state) }
            state.screen = .syncProblems(SyncProblemsScreen())
            return (state, [call { () throws(ServiceError) in .syncProblemsLoaded(try await services.syncProblems()) }])
        case .addStaff(let member):
            return (state, [call { () throws(ServiceError) in
                try await services.addStaff(member, by: staff)
                return .staffChanged(context("settings.added", ["number": member.number, "name": member.name]))
            }])
        case .unlockStaff(let number):
            return (state, [call { () throws(ServiceError) in
                try await services.unlockStaff(number: number, by: staff)
                return .staffChanged(context("settings.unlocked", ["number": number]))
            }])
        case .openSelfService:
            return enterSelfService(state, by: staff)
        case .openDay:
            state.screen = .day(DayScreen(figures: state.figures))
            return (state, [refresh()])
        case .openCollection(let entry):
            guard let entry else { return show(context("home.pick_waiting"), .info, state) }
            state.screen = .collection(CollectionScreen(entry: entry, context: context))
            return (state, [])
        case .lookUp(let idNumber):
            let forCertificate: Bool
            if case .certificateLookup = state.screen { forCertificate = true } else { forCertificate = false }
            if case .home = state.screen {
                // A scan on the home screen: check-in starts with the number filled.
                var screen = CheckInScreen(context: context)
                screen.idField.setText(idNumber)
                screen.busy = true
                state.screen = .checkIn(screen)
            }
            return (state, [call { () throws(ServiceError) in
                let record = try await services.donor(idNumber: idNumber)
                if forCertificate { return try await Self.certificateFound(record, services: services, policy: policy, today: today) }
                // The card's dates take in answers already given today (at this desk or on the
                // self-service screen), as the decision will: a "yes" that defers shows at once.
                var answers: QuestionnaireAnswers?
                if let record { answers = try await services.latestAnswers(donorID: record.id) }
                return .donorFound(.success(record), forCertificate: false, answers: answers)
            }])
        case .openCertificate(let donorID):
            return (state, [call { () throws(ServiceError) in
                try await Self.certificateFound(try await services.donor(id: donorID), services: services, policy: policy, today: today)
            }])
        case .findDuplicates(let donor):
            return (state, [call { () throws(ServiceError) in
                .duplicatesFound(try await services.duplicates(of: donor), pending: donor)
            }])
        case .register(let donor):
            return (state, [.task { () async -> KioskMessage in
                do throws(ServiceError) {
                    return .registered(.success(try await services.register(donor, by: staff)))
                } catch {
                    return .registered(.failure(error))
                }
            }])
        case .openQuestionnaire(let record):
            return (state, [call { () throws(ServiceError) in
                .answersLoaded(record, try await services.latestAnswers(donorID: record.id))
            }])
        case .saveAnswers(let visit):
            return (state, [call { () throws(ServiceError) in
                try await services.saveAnswers(QuestionnaireAnswers(date: today, answers: visit.answers), donorID: visit.record.id, by: staff)
                return .saved(next: visit, toDecision: false)
            }])
        case .saveVitals(let visit):
            return (state, [call { () throws(ServiceError) in
                try await services.saveVitals(visit.vitals, on: today, donorID: visit.record.id, by: staff)
                return .saved(next: visit, toDecision: true)
            }])
        case .overrideRule(let visit, let override, let pin):
            return (state, [.task { () async -> KioskMessage in
                // The supervisor's PIN is checked again: an override is theirs, not the session's.
                let ok = (try? await services.signIn(number: override.by, pin: pin))?.isSupervisor == true
                if ok { await services.audit("override", detail: "\(override.rule): \(override.reason)", by: override.by) }
                return .overrideChecked(visit, override, ok: ok)
            }])
        case .enqueue(let visit):
            return (state, [.task { () async -> KioskMessage in
                do throws(ServiceError) {
                    return .enqueued(.success(try await services.enqueue(
                        donorID: visit.record.id, procedure: visit.procedure, overrides: visit.overrides, by: staff)))
                } catch {
                    return .enqueued(.failure(error))
                }
            }])
        case .recordDonation(let facts):
            return (state, [.task { () async -> KioskMessage in
                do throws(ServiceError) {
                    _ = try await services.recordDonation(facts, by: staff)
                    guard let record = try await services.donor(id: facts.donorID) else { return .donationRecorded(.failure(.notFound)) }
                    return .donationRecorded(.success(record),
                                             activeCard: try await Self.activeCard(of: record, services: services, policy: policy, today: today))
                } catch {
                    return .donationRecorded(.failure(error))
                }
            }])
        case .voidDonation(let id, let reason, let donorID):
            // Voiding is a new event; the certificate is shown again from the corrected history.
            return (state, [call { () throws(ServiceError) in
                try await services.voidDonation(id: id, reason: reason, by: staff)
                return try await Self.certificateFound(try await services.donor(id: donorID), services: services, policy: policy, today: today)
            }, refresh()])
        case .correctDonation(let change):
            // A correction is a new event too; the certificate is shown again from the result.
            return (state, [call { () throws(ServiceError) in
                try await services.correctDonation(change, by: staff)
                return try await Self.certificateFound(try await services.donor(id: change.donorID), services: services, policy: policy,
                                                       today: today)
            }, refresh()])
        case .activate(let donorID, let status):
            return (state, [.task { () async -> KioskMessage in
                do throws(ServiceError) {
                    return .activated(.success(try await services.activateCard(donorID: donorID, status: status, by: staff)))
                } catch {
                    return .activated(.failure(error))
                }
            }])
        case .export(let figures):
            let file = (exportDirectory as NSString).appendingPathComponent("day-\(today.iso).csv")
            let csv = DayScreen.csv(figures, date: today)
            return (state, [.task {
                do {
                    try FileManager.default.createDirectory(atPath: self.exportDirectory, withIntermediateDirectories: true)
                    try csv.write(toFile: file, atomically: true, encoding: .utf8)
                    await services.audit("export", detail: file, by: staff)
                    return .exported(file)
                } catch {
                    return .exported(nil)
                }
            }])
        }
    }

    /// Intents whose service answer opens the next screen: keys typed before it comes wait.
    static func movesScreenLater(_ intent: Intent) -> Bool {
        switch intent {
        case .signIn, .lookUp, .openCertificate, .findDuplicates, .register, .openQuestionnaire, .saveAnswers,
             .saveVitals, .overrideRule, .enqueue, .recordDonation, .voidDonation, .correctDonation, .activate, .export:
            return true
        default:
            return false
        }
    }

    /// The certificate screen's message for `record`, with the card now in force when it was
    /// already activated: the screen shows that card's QR code again instead of activating it twice.
    static func certificateFound(_ record: DonorRecord?, services: any KioskServices, policy: Policy,
                                 today: LocalDate) async throws(ServiceError) -> KioskMessage {
        guard let record else { return .donorFound(.success(nil), forCertificate: true) }
        return .donorFound(.success(record), forCertificate: true,
                           activeCard: try await activeCard(of: record, services: services, policy: policy, today: today))
    }

    /// The card now in force for `record` when it was already activated, else nil.
    static func activeCard(of record: DonorRecord, services: any KioskServices, policy: Policy,
                           today: LocalDate) async throws(ServiceError) -> SignedCard? {
        let status = CardStatus(history: record.donor.history, on: today, policy: policy)
        return try await services.activeCard(donorID: record.id, status: status)
    }

    /// A service call whose failure becomes `.failed`, shown as a toast.
    func call(_ body: @escaping @Sendable () async throws(ServiceError) -> KioskMessage) -> Effect<KioskMessage> {
        .task {
            do throws(ServiceError) {
                return try await body()
            } catch {
                return .failed(error)
            }
        }
    }

    /// Reads the house's settings and the staff list for the settings screen.
    func loadSettings() -> Effect<KioskMessage> {
        let services = self.services
        return call { () throws(ServiceError) in
            .settingsLoaded(await services.houseSettings(), try await services.staffList(), syncProblems: await services.syncStatus().problems)
        }
    }

    /// Reloads the queue, the figures and the sync state.
    func refresh() -> Effect<KioskMessage> {
        let services = self.services
        let today = self.today()
        return call { () throws(ServiceError) in
            .refreshed(queue: try await services.queue(on: today), figures: try await services.dayFigures(on: today), sync: await services.syncStatus())
        }
    }

    /// Validators hold their language: fields that check as they are typed are rebuilt, keeping
    /// the text, when the language changes.
    func rebuildForLanguage(_ state: inout KioskState) {
        let context = self.context(state)
        switch state.screen {
        case .checkIn(var screen):
            let text = screen.idField.text
            screen.idField = CheckInScreen.idField(context)
            screen.idField.setText(text)
            let fields = screen.registration.fields.map(\.text)
            let focus = screen.registration.focus
            screen.registration = CheckInScreen.registrationForm(context)
            for (index, text) in fields.enumerated() { screen.registration[index].setText(text) }
            screen.registration.focus(focus)
            state.screen = .checkIn(screen)
        case .certificateLookup(var screen):
            let text = screen.idField.text
            screen.idField = CheckInScreen.idField(context)
            screen.idField.setText(text)
            state.screen = .certificateLookup(screen)
        case .collection(var screen):
            let texts = screen.form.fields.map(\.text)
            let focus = screen.form.focus
            screen.form = CollectionScreen(entry: screen.entry, context: context).form
            for (index, text) in texts.enumerated() { screen.form[index].setText(text) }
            screen.form.focus(focus)
            state.screen = .collection(screen)
        default:
            break
        }
    }
}
