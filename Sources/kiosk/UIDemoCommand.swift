import ArgumentParser
import TerminalUI

/// `kiosk ui-demo`: every terminal widget on a few pages, for people to try and for the
/// end-to-end test to drive through tmux.
struct UIDemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui-demo",
        abstract: "组件演示 · Show every terminal UI widget (F10 or Ctrl-Q quits)."
    )

    @Option(help: "Folder holding the mascot art files.")
    var artDirectory = "assets/art"

    func run() throws {
        WidgetDemo.run(artDirectory: artDirectory)
    }
}
