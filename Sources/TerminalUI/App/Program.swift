import Foundation

/// Runs a `TerminalApp`: reads input, calls `update`, runs effects, renders the diff.
///
/// All backend (curses) calls happen on the thread that calls `run`. Effects run as tasks
/// and come back through a queue; the loop wakes at least every `pollMilliseconds` to drain
/// it, so a result appears within that time even while nobody types.
public final class Program<App: TerminalApp, B: Backend> {
    /// The app being run.
    public let app: App
    /// The renderer writing to the backend.
    public let renderer: Renderer<B>
    /// Where input comes from.
    public let input: any InputSource
    /// Groups raw input into events.
    public var decoder = InputDecoder()
    /// The longest the loop sleeps waiting for input.
    public var pollMilliseconds: Int32 = 40
    /// The state after the last message.
    public private(set) var state: App.State
    private let queue = MessageQueue<App.Message>()
    private var pendingEffects: [Effect<App.Message>]
    /// Whether an effect asked to quit (or a termination signal arrived).
    public private(set) var hasQuit = false
    /// The termination signal that ended the loop, if one did.
    public private(set) var terminationSignal: Int32?
    private var lastInput = ContinuousClock.now
    private var idleSent = false

    /// A program for `app` drawing to `backend` and reading from `input`.
    public init(app: App, backend: B, input: any InputSource) {
        self.app = app
        self.renderer = Renderer(backend: backend)
        self.input = input
        let (state, effects) = app.start()
        self.state = state
        self.pendingEffects = effects
    }

    /// Loops until an effect asks to quit. Returns the final state.
    @discardableResult
    public func run() -> App.State {
        perform(pendingEffects)
        pendingEffects = []
        render()
        while !hasQuit {
            let batch = input.nextBatch(timeoutMilliseconds: pollMilliseconds)
            if let signal = renderer.backend.takePendingSignal() {
                terminationSignal = signal
                hasQuit = true
                break
            }
            // The terminal went away without a SIGHUP reaching us: end as the hang-up would.
            if input.hasHungUp {
                terminationSignal = SIGHUP
                hasQuit = true
                break
            }
            var changed = step(batch)
            for message in queue.drain() where !hasQuit {
                apply(message)
                changed = true
            }
            if let timeout = app.idleTimeout(in: state), !idleSent, ContinuousClock.now - lastInput >= timeout {
                idleSent = true
                if let message = app.idleMessage() {
                    apply(message)
                    changed = true
                }
            }
            if changed && !hasQuit { render() }
        }
        return state
    }

    /// Handles one batch of raw input; returns whether anything happened.
    @discardableResult
    public func step(_ batch: [RawInput]) -> Bool {
        guard !batch.isEmpty else { return false }
        lastInput = ContinuousClock.now
        idleSent = false
        for event in decoder.decode(batch) where !hasQuit {
            if let message = app.message(for: event, in: state) { apply(message) }
        }
        return true
    }

    /// Sends a message to the app as if an effect had produced it.
    public func send(_ message: App.Message) {
        apply(message)
    }

    /// Draws the current state (or the too-small notice) and writes the difference.
    public func render() {
        let size = renderer.backend.size
        let required = app.minimumSize
        renderer.render { buffer in
            if size.width < required.width || size.height < required.height {
                TooSmallView.render(current: size, required: required, into: &buffer)
            } else {
                app.view(state, into: &buffer)
            }
        }
    }

    private func apply(_ message: App.Message) {
        let (next, effects) = app.update(state, message)
        state = next
        perform(effects)
    }

    private func perform(_ effects: [Effect<App.Message>]) {
        for effect in effects {
            switch effect.kind {
            case .quit:
                hasQuit = true
            case .task(let operation):
                let queue = self.queue
                Task.detached {
                    if let message = await operation() { queue.push(message) }
                }
            }
        }
    }
}

extension Program where B == NCursesBackend {
    /// Runs `app` full-screen on the terminal through ncursesw and restores the terminal
    /// afterwards, whether the app quits normally or a signal ends it.
    @discardableResult
    public static func runInTerminal(_ app: App) -> App.State {
        let backend = NCursesBackend()
        defer { backend.restore() }
        let program = Program(app: app, backend: backend, input: NCursesInput())
        let state = program.run()
        if let signal = program.terminationSignal {
            // Killed: give the terminal back, then exit with the conventional 128 + signal.
            backend.restore()
            exit(128 + signal)
        }
        return state
    }
}
