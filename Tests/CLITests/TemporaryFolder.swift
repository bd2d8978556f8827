import Foundation
import KioskTestSupport

/// A scratch folder for one test, removed when the test's value goes away.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kiosk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Copies a folder of the shipped assets (e.g. "catalog") into this folder.
    func copyAssets(_ name: String) throws {
        try FileManager.default.copyItem(
            at: ProductBinary.packageRoot.appendingPathComponent("assets/\(name)"), to: url.appendingPathComponent(name))
    }
}
