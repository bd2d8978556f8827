import Foundation

/// A benchmark scenario: measures something and the baseline it compares with, in one run,
/// so the comparison never mixes machines or days.
///
/// Adding one (the TUI's `render`): a file with a type conforming to `BenchScenario` (it
/// parses its own options from `BenchArguments` and returns a `BenchReport`), and its name in
/// `ScenarioRegistry.all`. `main.swift` handles `--json`, `--help` and the exit status.
protocol BenchScenario {
    /// The name given on the command line (`store`).
    static var name: String { get }
    /// One line saying what it measures and against what.
    static var summary: String { get }
    /// Its options, for `--help` (`[--donors N]`).
    static var usage: String { get }
    /// Runs the scenario and returns its figures.
    static func run(_ arguments: BenchArguments) throws -> BenchReport
}

/// Every scenario `kiosk-bench` knows.
enum ScenarioRegistry {
    static var all: [any BenchScenario.Type] {
        [
            StoreScenario.self,
            RenderBench.self,
            CentralScenario.self,
            BootstrapScenario.self,
            CatchUpScenario.self,
            LatencyScenario.self,
        ]
    }

    /// The scenario called `name`, or nil.
    static func scenario(named name: String) -> (any BenchScenario.Type)? {
        all.first { $0.name == name }
    }

    /// The help text listing every scenario.
    static var usage: String {
        "usage: kiosk-bench SCENARIO [--json] [options]\n\nscenarios:\n"
            + all.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)\n      options: \($0.usage)" }
            .joined(separator: "\n")
    }
}

/// A scenario's command-line options: `--name value` pairs and bare `--flag`s.
struct BenchArguments {
    private let words: [String]

    init(_ words: [String]) { self.words = words }

    /// Whether `--name` was given.
    func flag(_ name: String) -> Bool { words.contains(name) }

    /// The value after `--name`, or nil.
    func value(_ name: String) -> String? {
        guard let at = words.firstIndex(of: name), at + 1 < words.count else { return nil }
        return words[at + 1]
    }

    /// The whole number after `--name` (underscores allowed: `1_000_000`), or `fallback`.
    func int(_ name: String, default fallback: Int) throws -> Int {
        guard let text = value(name) else { return fallback }
        guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number > 0 else {
            throw BenchError("\(name) expects a positive whole number, got '\(text)'")
        }
        return number
    }
}

/// A mistake in how the bench was called, or a setup that failed.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// A run's working folder: `--keep DIR` (left for a look afterwards), else a fresh temporary
/// folder that `removeUnlessKept()` deletes.
struct BenchFolder {
    let path: String
    let kept: Bool

    init(_ arguments: BenchArguments) throws {
        kept = arguments.value("--keep") != nil
        path = arguments.value("--keep") ?? NSTemporaryDirectory() + "kiosk-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func removeUnlessKept() {
        if !kept { try? FileManager.default.removeItem(atPath: path) }
    }
}
