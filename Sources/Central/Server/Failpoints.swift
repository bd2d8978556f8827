import Foundation
import Synchronization

/// Faults the multi-process tests inject into a real server, so a crash lands exactly where it
/// hurts most and a failing run can be repeated. Off unless `KIOSK_CENTRAL_FAILPOINT` is set;
/// the server logs a warning when one is armed.
///
/// `kill-after-push:N`: the N-th push is committed, then the process kills itself with SIGKILL
/// before the answer leaves: the kiosk never hears that its events are stored, and must resend
/// them without the centre counting them twice.
public final class Failpoints: Sendable {
    /// The environment variable that arms a failpoint.
    public static let variable = "KIOSK_CENTRAL_FAILPOINT"

    let killAfterPush: Int?
    private let pushes = Mutex(0)

    /// What `variable` asks for; nothing when unset. An unreadable value is an error, not
    /// silently ignored: a test that meant to crash the server must not pass without the crash.
    public init(environment: [String: String]) throws(FailpointError) {
        guard let value = environment[Self.variable], !value.isEmpty else {
            killAfterPush = nil
            return
        }
        let parts = value.split(separator: ":")
        guard parts.count == 2, parts[0] == "kill-after-push", let count = Int(parts[1]), count > 0 else {
            throw FailpointError(value: value)
        }
        killAfterPush = count
    }

    /// No failpoint.
    public init() { killAfterPush = nil }

    /// A description for the start-up warning, nil when nothing is armed.
    public var armed: String? { killAfterPush.map { "kill-after-push:\($0)" } }

    /// Called after a push is committed and before it is answered.
    func pushCommitted() {
        guard let killAfterPush else { return }
        let count = pushes.withLock { count in
            count += 1
            return count
        }
        if count == killAfterPush { kill(getpid(), SIGKILL) }
    }
}

public struct FailpointError: Error, CustomStringConvertible {
    public let value: String
    public var description: String { "\(Failpoints.variable)=\(value) is not a failpoint this server knows (kill-after-push:N)" }
}
