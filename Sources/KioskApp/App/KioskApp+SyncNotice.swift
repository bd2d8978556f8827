import DonorCore
import TerminalUI

/// Telling the volunteer when the sync changed a donor in front of them: on screen, or in
/// today's queue. Another house's donation or a lab deferral changes what the rules say, so the
/// record on screen must be looked up again before anyone acts on it.
extension KioskApp {
    func noticeChangedDonors(_ changed: Set<String>, _ state: KioskState,
                             then effects: [Effect<KioskMessage>]) -> (KioskState, [Effect<KioskMessage>]) {
        guard !changed.isEmpty, state.session != nil else { return (state, effects) }
        let context = self.context(state)
        if let record = Self.recordOnScreen(state.screen), changed.contains(record.id) {
            let (shown, more) = show(context("sync.changed_on_screen", ["name": record.donor.name]), .error, state)
            return (shown, effects + more + [refresh()])
        }
        let queued = state.queue.filter { changed.contains($0.donorID) }
        guard !queued.isEmpty else { return (state, effects) }
        let names = queued.map { "\(HomeScreen.ticket($0.number)) \($0.name)" }.joined(separator: "、")
        let (shown, more) = show(context("sync.changed_in_queue", ["names": names]), .info, state)
        return (shown, effects + more + [refresh()])
    }

    /// The donor whose record the current staff screen shows, if any.
    static func recordOnScreen(_ screen: Screen) -> DonorRecord? {
        switch screen {
        case .checkIn(let screen):
            if case .card(let record) = screen.phase { return record }
            return nil
        case .questionnaire(let screen): return screen.visit.record
        case .vitals(let screen): return screen.visit.record
        case .decision(let screen): return screen.visit.record
        case .certificate(let screen): return screen.record
        default: return nil
        }
    }
}
