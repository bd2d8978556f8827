/// An app (or one screen of it) in the Elm architecture: state, messages, a pure `update`
/// and a pure `view`.
///
/// The loop owns the state. Each input event is turned into a message by
/// `message(for:in:)`; `update` returns the new state and the effects to run; `view` draws the
/// state into a buffer the size of the screen. None of these do I/O, so a screen can be
/// tested by calling them directly and comparing the buffer with a snapshot.
public protocol TerminalApp {
    /// Everything the screen shows and remembers.
    associatedtype State
    /// What can happen: input, results of effects, timers.
    associatedtype Message: Sendable

    /// The first state and the effects to start with (timers, initial loads).
    func start() -> (State, [Effect<Message>])
    /// The state after `message`, and the effects it asks for.
    func update(_ state: State, _ message: Message) -> (State, [Effect<Message>])
    /// Draws the state; `buffer.area` is the whole screen.
    func view(_ state: State, into buffer: inout Buffer)
    /// The message for an input event, or nil to ignore it.
    func message(for event: InputEvent, in state: State) -> Message?

    /// The smallest screen the app can use; below it the loop shows how big the window must
    /// be instead of the app. 80×24 unless the app says otherwise.
    var minimumSize: Size { get }
    /// After this long without input the loop sends `idleMessage()` once. Nil: never.
    var idleTimeout: Duration? { get }
    /// The idle time-out in `state`: a screen may wait longer or shorter than another (the
    /// donor screen wipes itself sooner than a staff session locks). Defaults to `idleTimeout`.
    func idleTimeout(in state: State) -> Duration?
    /// The message sent when the idle time-out passes.
    func idleMessage() -> Message?
}

extension TerminalApp {
    /// 80×24, the smallest screen the kiosk layouts are designed for.
    public var minimumSize: Size { Size(width: 80, height: 24) }
    /// No idle time-out.
    public var idleTimeout: Duration? { nil }
    /// The same time-out in every state.
    public func idleTimeout(in state: State) -> Duration? { idleTimeout }
    /// No idle message.
    public func idleMessage() -> Message? { nil }
}
