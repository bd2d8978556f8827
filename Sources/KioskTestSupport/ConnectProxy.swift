import Foundation

/// `Tests/Fixtures/connect-proxy.py` run as a process: an HTTP CONNECT proxy on 127.0.0.1 that
/// logs the target of every tunnel it opens.
public final class ConnectProxy {
    public let port: Int
    private let process: Process
    private let log: URL

    public init() throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("connect-proxy-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [ProductBinary.packageRoot.appendingPathComponent("Tests/Fixtures/connect-proxy.py").path, log.path]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // The first line is the port it listens on.
        var line = Data()
        while let byte = try out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data("\n".utf8) { line.append(byte) }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.fileReadCorruptFile)
        }
        self.port = port
    }

    /// The `host:port` of every tunnel opened so far, in order.
    public func targets() throws -> [String] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    /// SIGKILL, not `terminate()`: the child inherits the test runner's signal mask, in which
    /// SIGTERM is blocked, so a terminated proxy would live on and `waitUntilExit` never return.
    public func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: log)
    }
}
