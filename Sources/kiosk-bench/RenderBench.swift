/// `kiosk-bench render`: full render and diff of a 200×60 screen of mixed Chinese and Latin
/// text (`RenderScenario`), against a full repaint measured in the same run.
enum RenderBench: BenchScenario {
    static let name = "render"
    static let summary = "draw + diff + encode of a 200x60 Chinese/Latin screen; bytes of a one-character edit against a full repaint"
    static let usage = "[--frames 1000]"

    static func run(_ arguments: BenchArguments) throws -> BenchReport {
        var scenario = RenderScenario()
        scenario.frames = try arguments.int("--frames", default: scenario.frames)
        let r = scenario.run()
        let p99 = r.p99Microseconds / 1000, cpuP99 = r.cpuP99Microseconds / 1000
        var report = BenchReport(scenario: name, parameters: [
            "width": "\(scenario.width)", "height": "\(scenario.height)", "frames": "\(r.frames)",
        ])
        report.figures = [
            .init(name: "frame time p50", value: r.p50Microseconds / 1000, unit: "ms"),
            .init(name: "frame time p99", value: p99, unit: "ms", target: "< 2 ms", met: p99 < 2),
            .init(name: "frame CPU time p99", value: cpuP99, unit: "ms", target: "< 2 ms", met: cpuP99 < 2),
            .init(name: "one-character edit (Latin)", value: Double(r.editBytes), unit: "bytes", baseline: "full repaint",
                  baseline_value: Double(r.fullRepaintBytes), ratio: Double(r.editBytes) / Double(r.fullRepaintBytes),
                  target: "< 64 bytes", met: r.editBytes < 64),
            .init(name: "one-character edit (Chinese)", value: Double(r.wideEditBytes), unit: "bytes", baseline: "full repaint",
                  baseline_value: Double(r.fullRepaintBytes), ratio: Double(r.wideEditBytes) / Double(r.fullRepaintBytes),
                  target: "< 64 bytes", met: r.wideEditBytes < 64),
        ]
        report.notes = [
            "A frame is draw + diff + ANSI encoding into memory; the repaint and the edits are encoded by the same encoder.",
            "Wall time includes time the thread was not running; CPU time is the rendering thread's own. Load average: \(Machine.loadAverage).",
        ]
        return report
    }
}
