import Foundation
import Testing
import TerminalUI

/// Compares a rendered screen with `Snapshots/<name>.txt`.
///
/// With RECORD_SNAPSHOTS=1 in the environment the file is (re)written instead and the test
/// passes; a missing file is written and the test fails, so a new snapshot is always looked at.
public func assertSnapshot(
    _ backend: TestBackend, named name: String, filePath: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
) {
    // The snapshots sit beside the calling test file, so each test target keeps its own.
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = folder.appendingPathComponent("\(name).txt")
    let actual = backend.snapshot
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: file, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: file, atomically: true, encoding: .utf8)
        if !record {
            Issue.record("Recorded missing snapshot \(name).txt; check it and run again", sourceLocation: sourceLocation)
        }
        return
    }
    #expect(actual == expected, "snapshot \(name) differs:\n\(actual)", sourceLocation: sourceLocation)
}

/// Renders `draw` on a fresh test screen and returns the backend.
public func renderScreen(width: Int, height: Int, depth: ColorDepth = .colors256, _ draw: (inout Buffer) -> Void) -> TestBackend {
    let backend = TestBackend(width: width, height: height, colorDepth: depth)
    Renderer(backend: backend).render(draw)
    return backend
}

/// Renders one widget filling a fresh test screen.
public func renderWidget(_ widget: some Widget, width: Int, height: Int) -> TestBackend {
    renderScreen(width: width, height: height) { buffer in widget.render(in: buffer.area, into: &buffer) }
}
