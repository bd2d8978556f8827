import Foundation
import TerminalUI

/// The `render` scenario: a 200×60 screen of mixed Chinese and Latin text, drawn from
/// scratch every frame, diffed against the previous frame and encoded as escape sequences.
struct RenderScenario {
    let width = 200
    let height = 60
    var frames = 1000
    var warmup = 100

    struct Result {
        var frames: Int
        var p50Microseconds: Double
        var p99Microseconds: Double
        var meanMicroseconds: Double
        /// The same frames in CPU time of the rendering thread: what the frame costs without
        /// the time the scheduler gave other processes (the build machine is shared).
        var cpuP50Microseconds: Double
        var cpuP99Microseconds: Double
        var fullRepaintBytes: Int
        var fullRepaintCells: Int
        var editBytes: Int
        var editCells: Int
        var wideEditBytes: Int
    }

    /// Draws the whole screen for frame `n`: a header with a counter, rows of donors (names,
    /// donation types, a note mixing scripts), a moving highlight and a status bar.
    func draw(frame n: Int, into buffer: inout Buffer) {
        let names = ["张伟", "李娜", "王芳", "Chen Jie", "刘洋", "赵敏", "Maria Li", "孙磊"]
        let kinds = ["全血 400ml", "血小板 1U", "血浆 600ml", "whole blood 200ml"]
        buffer.write("献血屋 Donation house · frame \(n)", x: 0, y: 0, style: Theme.title)
        for row in 1..<(height - 1) {
            let style = row == 1 + n % (height - 2) ? Theme.highlight : Theme.normal
            let index = row * 7
            let line = "\(row). \(names[index % names.count]) \(kinds[index % kinds.count]) 第\(row)次 donation ok · 感谢您的无偿献血 thank you for giving blood · 优待证已激活 card active · ID 110101199003071234 · 下次 next 2026-09-01"
            buffer.fill(Rect(x: 0, y: row, width: width, height: 1), with: Cell(" ", style: style))
            buffer.write(line, x: 0, y: row, style: style, maxWidth: width)
        }
        StatusBar(hints: [("F1", "帮助"), ("F2", "登记"), ("F10", "退出")], status: "200x60")
            .render(in: Rect(x: 0, y: height - 1, width: width, height: 1), into: &buffer)
    }

    func run() -> Result {
        let clock = ContinuousClock()
        var encoder = AnsiEncoder()
        var output: [UInt8] = []
        output.reserveCapacity(1 << 20)
        var previous = Buffer(width: width, height: height)
        var samples: [Double] = []
        samples.reserveCapacity(frames)
        var cpuSamples: [Double] = []
        cpuSamples.reserveCapacity(frames)
        for n in 0..<(warmup + frames) {
            output.removeAll(keepingCapacity: true)
            let cpuStart = threadCPUMicroseconds()
            let start = clock.now
            var frame = Buffer(width: width, height: height)
            draw(frame: n, into: &frame)
            let updates = frame.diff(from: previous)
            encoder.encode(updates, into: &output)
            let elapsed = clock.now - start
            let cpu = threadCPUMicroseconds() - cpuStart
            previous = frame
            if n >= warmup {
                samples.append(elapsed / .microseconds(1))
                cpuSamples.append(cpu)
            }
        }
        samples.sort()
        cpuSamples.sort()

        // A full repaint of one frame: clear, then every cell.
        var base = Buffer(width: width, height: height)
        draw(frame: 7, into: &base)
        var fullEncoder = AnsiEncoder()
        var full: [UInt8] = []
        fullEncoder.encodeClear(into: &full)
        let all = base.fullUpdates()
        fullEncoder.encode(all, into: &full)

        // One character typed on a row that is already on screen (Latin, then Chinese).
        func editCost(_ edit: (inout Buffer) -> Void) -> (bytes: Int, cells: Int) {
            var edited = base
            edit(&edited)
            var bytes: [UInt8] = []
            var state = fullEncoder
            let updates = edited.diff(from: base)
            state.encode(updates, into: &bytes)
            return (bytes.count, updates.count)
        }
        let latin = editCost { $0.put("X", x: 30, y: 30, style: .plain) }
        let wide = editCost { $0.put("血", x: 40, y: 31, style: .plain) }

        func percentile(_ p: Double, of values: [Double]? = nil) -> Double {
            let sorted = values ?? samples
            return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
        }
        return Result(
            frames: frames, p50Microseconds: percentile(0.50), p99Microseconds: percentile(0.99),
            meanMicroseconds: samples.reduce(0, +) / Double(samples.count),
            cpuP50Microseconds: percentile(0.50, of: cpuSamples), cpuP99Microseconds: percentile(0.99, of: cpuSamples),
            fullRepaintBytes: full.count, fullRepaintCells: all.count,
            editBytes: latin.bytes, editCells: latin.cells, wideEditBytes: wide.bytes)
    }

    private func threadCPUMicroseconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
    }
}
