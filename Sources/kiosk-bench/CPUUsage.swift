import Foundation

/// CPU used while a phase ran, read from /proc: this process (server and houses together), the
/// PostgreSQL server the run talks to, and the whole machine. Client, server and PostgreSQL
/// share the same cores here, so these say where the cores went.
struct CPUUsage {
    var process: Double
    var postgres: Double?
    var machineBusy: Double
    var machineTotal: Double

    /// A reading now; `postgresPort` finds the PostgreSQL server listening on that port.
    static func now(postgresPort: Int?) -> CPUUsage {
        let (busy, total) = machineTicks()
        return CPUUsage(process: processSeconds(), postgres: postgresPort.flatMap(postgresSeconds), machineBusy: busy, machineTotal: total)
    }

    /// What was used between `start` and this reading, as a line for the report's notes.
    func since(_ start: CPUUsage, wall: Double) -> String {
        let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
        let busy = machineTotal > start.machineTotal ? (machineBusy - start.machineBusy) / (machineTotal - start.machineTotal) : 0
        var line = "CPU in this phase (\(String(format: "%.2f", wall)) s wall, \(Int(cores)) cores = \(String(format: "%.1f", wall * cores)) core-seconds): "
            + "this process (server and houses) \(String(format: "%.2f", process - start.process)) s"
        if let postgres, let before = start.postgres {
            line += ", PostgreSQL \(String(format: "%.2f", postgres - before)) s"
        }
        return line + ", whole machine busy \(String(format: "%.0f", busy * 100)) %."
    }

    /// User and system CPU seconds of this process so far.
    static func processSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// CPU seconds of the PostgreSQL postmaster started with `-p port` and its backends alive now
    /// (a backend that exits in between is not counted; the bench's connections stay open).
    static func postgresSeconds(port: Int) -> Double? {
        let processes = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int.init) ?? []
        guard let postmaster = processes.first(where: { pid in
            let argv = arguments(of: pid)
            guard let p = argv.firstIndex(of: "-p"), p + 1 < argv.count else { return false }
            return argv.first?.hasSuffix("postgres") == true && argv[p + 1] == String(port)
        }) else { return nil }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return processes.compactMap(stat).filter { $0.pid == postmaster || $0.parent == postmaster }
            .reduce(0) { $0 + $1.ticks / ticks }
    }

    private static func arguments(of pid: Int) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A process's parent and its user + system clock ticks, from /proc/PID/stat.
    private static func stat(_ pid: Int) -> (pid: Int, parent: Int, ticks: Double)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // After "pid (comm)": state, ppid, ..., utime is field 14 and stime 15 of the whole line.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let parent = Int(fields[1]), let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return (pid, parent, user + system)
    }

    /// Busy and total clock ticks of all cores since boot, from /proc/stat.
    private static func machineTicks() -> (busy: Double, total: Double) {
        let line = ((try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) ?? "").split(separator: "\n").first ?? ""
        let ticks = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard ticks.count >= 5 else { return (0, 0) }
        let total = ticks.prefix(8).reduce(0, +)
        return (total - ticks[3] - ticks[4], total)  // idle and iowait are not busy
    }
}
