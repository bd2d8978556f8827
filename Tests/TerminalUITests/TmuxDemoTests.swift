import Foundation
import KioskTestSupport
import Testing

/// Drives `kiosk ui-demo` in a real terminal (tmux) end to end.
@Suite(.serialized) struct TmuxDemoTests {
    @Test func demoTypesChineseDecodesKeysScansResizesAndRestoresTerminal() throws {
        let binary = ProductBinary.path("kiosk")
        #expect(FileManager.default.isExecutableFile(atPath: binary), "kiosk binary not built at \(binary)")
        let session = try TmuxSession(
            command: "\(binary) ui-demo", width: 80, height: 24,
            environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"],
            directory: ProductBinary.packageRoot)
        defer { session.kill() }

        try session.waitFor("尺寸: 80x24", timeout: 20)

        try session.type("献血")
        try session.waitFor("回显: 献血")

        try session.press("F5")
        try session.waitFor("按键: F5")

        try session.press("C-a")
        try session.waitFor("按键: Ctrl-A")

        let burst = "ABCDEFGHIJ0123456789KLMNOPQRST"
        #expect(burst.count == 30)
        try session.typeBurst(burst)
        let afterScan = try session.waitFor("扫描: \(burst)")
        // Nothing of the burst leaked into the focused field or was taken as a shortcut.
        #expect(afterScan.contains("回显: 献血 "))
        #expect(afterScan.contains("按键: Ctrl-A"))

        try session.resize(width: 120, height: 40)
        let large = try session.waitFor("尺寸: 120x40")
        #expect(large.split(separator: "\n", omittingEmptySubsequences: false).count >= 40)
        try session.resize(width: 80, height: 24)
        try session.waitFor("尺寸: 80x24")

        try session.press("F10")
        let status = try session.waitForExit()
        #expect(status == 0, "exit status \(status), signal \((try? session.display("#{pane_dead_signal}")) ?? "?")")
        #expect(try session.display("#{alternate_on}") == "0")
        let final = try session.capture()
        #expect(!final.contains("献血屋 组件演示"), "the alternate screen is gone after exit:\n\(final)")
    }

    @Test func demoRestoresTerminalOnSIGTERM() throws {
        let session = try TmuxSession(
            command: "\(ProductBinary.path("kiosk")) ui-demo", width: 80, height: 24,
            environment: ["LANG": "C.UTF-8", "TERM": "tmux-256color"],
            directory: ProductBinary.packageRoot)
        defer { session.kill() }
        try session.waitFor("尺寸: 80x24", timeout: 20)
        #expect(try session.display("#{alternate_on}") == "1")
        let pid = try session.programPID()
        #expect(kill(pid, SIGTERM) == 0)
        #expect(try session.waitForExit() == 128 + Int(SIGTERM))
        #expect(try session.display("#{alternate_on}") == "0")
        #expect(!(try session.capture()).contains("献血屋 组件演示"))
    }
}
