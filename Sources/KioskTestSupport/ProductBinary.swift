import Foundation

/// Finds and runs the package's built executables from tests, as a user would run them.
///
/// `swift test` builds every product, so the binaries sit in the build folder beside the test
/// bundle. `KIOSK_BIN_DIR` overrides the folder (CI sets it from `swift build --show-bin-path`).
public enum ProductBinary {
    /// The folder holding the built executables.
    public static var directory: URL {
        if let dir = ProcessInfo.processInfo.environment["KIOSK_BIN_DIR"], !dir.isEmpty {
            return URL(fileURLWithPath: dir)
        }
        // The test bundle lives in `.build/<triple>/debug/`; so do the executables.
        return Bundle.main.bundleURL.deletingLastPathComponent()
    }

    /// The path of an executable product, e.g. `kiosk`.
    public static func path(_ name: String) -> String {
        let inBundleDir = directory.appendingPathComponent(name).path
        if FileManager.default.isExecutableFile(atPath: inBundleDir) { return inBundleDir }
        return packageRoot.appendingPathComponent(".build/debug/\(name)").path
    }

    /// The package's root folder (holding Package.swift and assets/).
    public static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The result of one run of a product.
    public struct Run: Sendable {
        /// Text at the right end (clock, size).
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs a product to completion with the given arguments and optional standard input.
    public static func run(
        _ name: String, _ arguments: [String], stdin: String? = nil,
        currentDirectory: URL? = nil, environment: [String: String] = [:]
    ) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path(name))
        process.arguments = arguments
        process.currentDirectoryURL = currentDirectory ?? packageRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
