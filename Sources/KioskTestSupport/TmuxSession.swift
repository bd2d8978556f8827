import Foundation

/// Drives a program inside a detached tmux session, as a person at a terminal would: send
/// keys, resize the window, read the screen.
///
/// Each session uses its own tmux server (`tmux -L <socket>`) so parallel tests never share
/// state, and reads the screen by polling `capture-pane` until a condition holds instead of
/// sleeping blindly. The pane stays after the program exits (`remain-on-exit`) so a test can
/// check how it ended.
public final class TmuxSession {
    /// Why a tmux session could not be used.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The tmux server socket name.
    public let socket: String
    /// The session name.
    public let name: String
    /// Where the wrapping shell writes the program's exit status.
    public let statusFile: String
    private let tmux: String

    /// Starts `command` in a new session of the given size with `environment` added.
    /// Throws when tmux is not installed (a test should fail then, not skip).
    public init(
        command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:],
        directory: URL? = nil
    ) throws {
        guard let tmux = TmuxSession.findTmux() else {
            throw Failure(description: "tmux is not installed (apt-get install tmux): the terminal end-to-end test needs it")
        }
        self.tmux = tmux
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.socket = "kiosk-test-\(unique)"
        self.name = "t\(unique.prefix(6))"
        self.statusFile = FileManager.default.temporaryDirectory.appendingPathComponent("\(socket).status").path
        // Settings are applied in the same server start, before the command runs, so the
        // pane is kept when the program exits and the terminal type is known.
        let exports = environment.map { "\($0.key)=\(TmuxSession.quote($0.value))" }.sorted().joined(separator: " ")
        let shellCommand = "cd \(TmuxSession.quote((directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).path)) && env \(exports) \(command); echo $? > \(TmuxSession.quote(statusFile))"
        try run(detached: true, [
            "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height),
            "sh", "-c", "sleep 0.2; " + shellCommand, ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "default-terminal", environment["TERM"] ?? "tmux-256color",
        ])
    }

    deinit { kill() }

    /// Runs a tmux command against this session's server; returns its standard output.
    @discardableResult
    public func run(_ arguments: [String]) throws -> String {
        try run(detached: false, arguments)
    }

    /// `detached`: the command starts the tmux server, which forks from the client and keeps
    /// every descriptor it inherited. Foundation's `Process` learns of a child's exit through
    /// a descriptor the child inherits, and a test runner reads its own output pipe to EOF, so
    /// either would then wait for the server to exit; such commands are spawned with stdio on
    /// /dev/null and every other descriptor closed.
    @discardableResult
    private func run(detached: Bool, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = ["-L", socket] + arguments
        var env = ProcessInfo.processInfo.environment
        env["TMUX"] = nil  // Never talk to a tmux the tests themselves run in.
        process.environment = env
        if detached {
            let status = try TmuxSession.spawnDetached(tmux, ["-L", socket] + arguments, environment: env)
            guard status == 0 else {
                throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(status)")
            }
            return ""
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Types `text` literally (no key names), as an input method or scanner would deliver it.
    public func type(_ text: String) throws {
        try run(["send-keys", "-t", name, "-l", text])
    }

    /// Sends named keys such as "F5", "Enter", "C-q", "BTab".
    public func press(_ keys: String...) throws {
        try run(["send-keys", "-t", name] + keys)
    }

    /// Types `text` and then presses Enter in one tmux command, so they arrive back to back
    /// like a scanner burst.
    public func typeBurst(_ text: String, thenPress key: String = "Enter") throws {
        try run(["send-keys", "-t", name, "-l", text, ";", "send-keys", "-t", name, key])
    }

    /// Resizes the session's window.
    public func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    /// The visible screen as text.
    public func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", name])
    }

    /// A tmux format value for the pane, e.g. "#{pane_dead_status}".
    public func display(_ format: String) throws -> String {
        try run(["display-message", "-p", "-t", name, format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen until `condition` holds; returns that screen, or throws with the last
    /// screen after `timeout` seconds.
    @discardableResult
    public func waitForScreen(timeout: TimeInterval = 10, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout)s waiting for the screen; it shows:\n\(screen)")
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: TimeInterval = 10) throws -> String {
        try waitForScreen(timeout: timeout) { $0.contains(text) }
    }

    /// Polls until the program has exited; returns its exit status.
    ///
    /// The wrapping shell writes the status to `statusFile`: tmux's own record of it
    /// (`pane_dead_status`) depends on the server catching SIGCHLD, which was found to be
    /// unreliable when the server is started from a multi-threaded test runner.
    public func waitForExit(timeout: TimeInterval = 10) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: statusFile, encoding: .utf8),
                let status = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return status
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the program did not exit within \(timeout)s; screen:\n\((try? capture()) ?? "")")
    }

    /// The process id of the program (the child of the pane's wrapping shell).
    public func programPID() throws -> Int32 {
        let shell = try display("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let pid = children.split(separator: " ").compactMap({ Int32($0) }).last else {
            throw Failure(description: "no program is running in the pane (shell \(shell))")
        }
        return pid
    }

    /// Ends the tmux server.
    public func kill() {
        _ = try? run(["kill-server"])
        try? FileManager.default.removeItem(atPath: statusFile)
    }

    private static func spawnDetached(_ path: String, _ arguments: [String], environment: [String: String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in 0...2 {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        // glibc 2.34+ has closefrom for spawn, but its header hides it from Swift: look it up.
        typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") {
            _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        // Default signal actions and an empty mask: the test runner may ignore SIGCHLD, and a
        // server inheriting that could never learn its program's exit status.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw Failure(description: "could not start tmux: error \(result)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WEXITSTATUS, which Swift cannot import as a macro.
        return (status >> 8) & 0xFF
    }

    private static func findTmux() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths + ["/usr/bin", "/usr/local/bin"] {
            let candidate = "\(directory)/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func quote(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
