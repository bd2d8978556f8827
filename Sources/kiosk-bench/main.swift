import Foundation

// kiosk-bench: performance scenarios for the kiosk.
//   swift run -c release kiosk-bench render [--json] [--frames N]
// `render` draws, diffs and encodes a 200x60 screen of mixed Chinese and Latin text and reports
// time per frame and the bytes a one-character edit writes against a full repaint.

let arguments = Array(CommandLine.arguments.dropFirst())
guard let scenarioName = arguments.first, scenarioName == "render" else {
    FileHandle.standardError.write(Data("usage: kiosk-bench render [--json] [--frames N]\n".utf8))
    exit(2)
}
var scenario = RenderScenario()
if let index = arguments.firstIndex(of: "--frames"), index + 1 < arguments.count, let frames = Int(arguments[index + 1]), frames > 0 {
    scenario.frames = frames
}
let result = scenario.run()
let p50ms = result.p50Microseconds / 1000
let p99ms = result.p99Microseconds / 1000
let meanms = result.meanMicroseconds / 1000
let cpuP50ms = result.cpuP50Microseconds / 1000
let cpuP99ms = result.cpuP99Microseconds / 1000

if arguments.contains("--json") {
    let json = """
        {"scenario":"render","width":\(scenario.width),"height":\(scenario.height),"frames":\(result.frames),\
        "frame_ms_p50":\(String(format: "%.3f", p50ms)),"frame_ms_p99":\(String(format: "%.3f", p99ms)),\
        "frame_ms_mean":\(String(format: "%.3f", meanms)),\
        "frame_cpu_ms_p50":\(String(format: "%.3f", cpuP50ms)),"frame_cpu_ms_p99":\(String(format: "%.3f", cpuP99ms)),\
        "edit_bytes":\(result.editBytes),"edit_cells":\(result.editCells),"wide_edit_bytes":\(result.wideEditBytes),\
        "full_repaint_bytes":\(result.fullRepaintBytes),"full_repaint_cells":\(result.fullRepaintCells),\
        "targets":{"frame_ms":2.0,"edit_bytes":64},\
        "meets_targets":\(p99ms < 2.0 && result.editBytes < 64)}
        """
    print(json)
} else {
    func row(_ name: String, _ value: String, _ target: String) -> String {
        name.padding(toLength: 34, withPad: " ", startingAt: 0) + value.padding(toLength: 24, withPad: " ", startingAt: 0) + target
    }
    print("render: \(scenario.width)x\(scenario.height) mixed Chinese/Latin, \(result.frames) frames (draw + diff + encode)")
    print(row("measure", "value", "target"))
    print(row("frame time p50", String(format: "%.3f ms", p50ms), "< 2 ms"))
    print(row("frame time p99", String(format: "%.3f ms", p99ms), "< 2 ms"))
    print(row("frame time mean", String(format: "%.3f ms", meanms), ""))
    print(row("frame CPU time p50", String(format: "%.3f ms", cpuP50ms), "< 2 ms"))
    print(row("frame CPU time p99", String(format: "%.3f ms", cpuP99ms), "< 2 ms"))
    print(row("one-character edit (Latin)", "\(result.editBytes) B / \(result.editCells) cell", "< 64 B"))
    print(row("one-character edit (Chinese)", "\(result.wideEditBytes) B", "< 64 B"))
    print(row("full repaint", "\(result.fullRepaintBytes) B / \(result.fullRepaintCells) cells", ""))
}
