import Foundation

/// What a scenario measured: figures beside their baselines and targets, the machine, and the
/// parameters, printed as a table or as JSON.
struct BenchReport: Encodable {
    /// One measured figure.
    struct Figure: Encodable {
        var name: String
        var value: Double
        var unit: String
        /// What it is compared with, measured in the same run, and that figure.
        var baseline: String?
        var baseline_value: Double?
        /// value / baseline_value.
        var ratio: Double?
        /// The target in words ("p99 < 1 ms") and whether it was met.
        var target: String?
        var met: Bool?
    }

    var scenario: String
    var command = ""
    var machine = Machine.current
    var parameters: [String: String]
    var figures: [Figure] = []
    /// How the figures were taken (pragmas, what the baseline includes).
    var notes: [String] = []

    /// Whether every figure with a target met it (the exit status says the same).
    var allTargetsMet: Bool { figures.allSatisfy { $0.met != false } }

    /// The report as JSON with stable key order.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// A Markdown table, ready to paste into docs/performance.md.
    func table() -> String {
        var lines = ["scenario: \(scenario)", "command: \(command)", "machine: \(machine.summary)",
                     "parameters: " + parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "), "",
                     "| figure | value | baseline (same run) | ratio | target | met |",
                     "| --- | ---: | --- | ---: | --- | --- |"]
        for f in figures {
            let baseline = f.baseline.map { name in "\(name): " + (f.baseline_value.map { Self.format($0) + " " + f.unit } ?? "") } ?? ""
            let ratio = f.ratio.map { String(format: "%.0f %%", $0 * 100) } ?? ""
            let met = f.met.map { $0 ? "yes" : "**no**" } ?? ""
            lines.append("| \(f.name) | \(Self.format(f.value)) \(f.unit) | \(baseline) | \(ratio) | \(f.target ?? "") | \(met) |")
        }
        if !notes.isEmpty { lines += [""] + notes.map { "- " + $0 } }
        return lines.joined(separator: "\n")
    }

    /// A figure with as many decimals as its size deserves.
    static func format(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : value >= 1 ? String(format: "%.2f", value) : String(format: "%.3f", value)
    }
}

/// The machine a report was measured on.
struct Machine: Encodable {
    var cpu: String
    var cores: Int
    var memory_gb: Double
    var os: String

    /// The 1-, 5- and 15-minute load averages: how much other work shared the machine.
    static var loadAverage: String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }

    var summary: String { "\(cpu), \(cores) cores, \(String(format: "%.0f", memory_gb)) GB, \(os)" }

    /// The machine this process runs on, from /proc and /etc/os-release.
    static var current: Machine {
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let cpu = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { String($0.split(separator: ":", maxSplits: 1).last ?? "").trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
        let release = (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? ""
        let os = release.split(separator: "\n").first { $0.hasPrefix("PRETTY_NAME=") }
            .map { $0.dropFirst("PRETTY_NAME=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            ?? ProcessInfo.processInfo.operatingSystemVersionString
        return Machine(cpu: cpu, cores: ProcessInfo.processInfo.activeProcessorCount,
                       memory_gb: Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824, os: os)
    }
}

/// Latencies of many repetitions of one operation: wall-clock time, and the CPU time of the
/// measuring thread (user + system), which leaves out the time spent waiting for a core. On a
/// shared machine the difference between the two is the load, not the code.
struct Latencies {
    private(set) var samples: [Duration] = []
    private(set) var cpuSamples: [Duration] = []

    /// Runs `body` once and records how long it took.
    mutating func measure<T>(_ body: () throws -> T) rethrows -> T {
        let cpuStart = Self.threadCPUTime()
        let start = ContinuousClock.now
        let result = try body()
        samples.append(start.duration(to: .now))
        cpuSamples.append(Self.threadCPUTime() - cpuStart)
        return result
    }

    /// Records a duration measured elsewhere (across tasks, where the thread's CPU time means
    /// nothing); only the wall-clock percentiles then apply.
    mutating func record(_ duration: Duration) {
        samples.append(duration)
    }

    /// The `p`-th percentile (0...100) of wall-clock time in milliseconds, nearest rank.
    func percentile(_ p: Double) -> Double { Self.percentile(p, of: samples) }

    /// The `p`-th percentile of the thread's CPU time in milliseconds.
    func cpuPercentile(_ p: Double) -> Double { Self.percentile(p, of: cpuSamples) }

    private static func percentile(_ p: Double, of values: [Duration]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = min(sorted.count - 1, max(0, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))
        return sorted[rank].milliseconds
    }

    private static func threadCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { self / .seconds(1) }

    /// The duration in milliseconds.
    var milliseconds: Double { seconds * 1000 }
}
