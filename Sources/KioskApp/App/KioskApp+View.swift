import DonorCore
import TerminalUI

/// The frame every screen shares: a header with the house, the staff member, the sync state
/// and the clock; while a new kiosk downloads the registry, a progress line under it; the
/// screen; the status bar with its keys.
extension KioskApp {
    public func view(_ state: KioskState, into buffer: inout Buffer) {
        let context = self.context(state)
        var bootstrap = state.sync.bootstrap
        if case .selfService = state.screen { bootstrap = nil }  // the donors' screen stays calm
        let rows = Layout.rows(buffer.area, [.fixed(1), .fixed(bootstrap == nil ? 0 : 1), .min(10), .fixed(1)])
        drawHeader(state, context, in: rows[0], into: &buffer)
        if let bootstrap { drawBootstrap(bootstrap, context, in: rows[1], into: &buffer) }
        let body = rows[2]
        let hints: [Hint]
        switch state.screen {
        case .signIn(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .home(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .checkIn(let screen), .certificateLookup(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .questionnaire(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .vitals(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .decision(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .collection(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .certificate(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .day(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .settings(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .syncProblems(let screen):
            screen.view(in: body, into: &buffer, context)
            hints = screen.hints(context)
        case .selfService(let screen):
            screen.view(in: body, into: &buffer, context, art: art)
            hints = screen.hints(context)
        }
        var shown = hints
        if state.session != nil, !shown.contains(where: { $0.key == "F11" }) { shown.append(("F11", "hint.lock")) }
        StatusBar(hints: shown.map { (key: $0.key, label: context($0.label)) }, status: state.clock).render(in: rows[3], into: &buffer)
        if let toast = state.toast {
            toast.render(in: Rect(x: body.x, y: body.y, width: body.width, height: 1), into: &buffer)
        }
    }

    private func drawHeader(_ state: KioskState, _ context: ScreenContext, in area: Rect, into buffer: inout Buffer) {
        buffer.fill(area, with: Cell(" ", style: Theme.focused))
        var x = area.x + buffer.write(" \(houseName) ", x: area.x, y: area.y, style: Theme.focused.adding(.bold))
        if let session = state.session {
            x += buffer.write("· \(session.name) \(context("role.\(session.role.rawValue)")) ", x: x, y: area.y, style: Theme.focused)
        }
        let sync = state.sync
        var status = context(sync.online ? "sync.online" : "sync.offline")
        status += " · " + context("sync.pending", ["n": "\(sync.pendingEvents)"])
        status += " · " + context("sync.last", ["when": sync.lastSync ?? context("sync.never")])
        status += " · \(context.today.iso) "
        let width = DisplayWidth.of(status)
        let style = sync.online ? Theme.focused : Style(foreground: .black, background: .yellow, attributes: .bold)
        if x + width <= area.right {
            buffer.write(status, x: area.right - width, y: area.y, style: style)
        } else {
            // Narrow screens keep the part that matters: offline and the events waiting.
            let short = context(sync.online ? "sync.online" : "sync.offline") + " " + context("sync.pending", ["n": "\(sync.pendingEvents)"]) + " "
            let shortWidth = DisplayWidth.of(short)
            buffer.write(short, x: max(x, area.right - shortWidth), y: area.y, style: style)
        }
    }
}
