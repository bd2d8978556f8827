/// Work an app asks the loop to do outside `update`: a task whose result comes back as a
/// message, a timer, or quitting.
///
/// Tasks run as Swift concurrency tasks, off the UI thread, so a slow database query or
/// network call never freezes typing; their message joins the queue the loop drains.
public struct Effect<Message: Sendable>: Sendable {
    enum Kind: Sendable {
        case task(@Sendable () async -> Message?)
        case quit
    }

    let kind: Kind

    /// Runs `operation` off the UI thread; its result (if any) is sent to `update`.
    public static func task(_ operation: @escaping @Sendable () async -> Message?) -> Effect {
        Effect(kind: .task(operation))
    }

    /// Sends `message` after `delay`: the building block for clocks and time-outs (re-arm it
    /// from `update` for a repeating timer).
    public static func after(_ delay: Duration, _ message: Message) -> Effect {
        .task {
            try? await Task.sleep(for: delay)
            return message
        }
    }

    /// Ends the loop; the terminal is restored.
    public static var quit: Effect { Effect(kind: .quit) }
}
