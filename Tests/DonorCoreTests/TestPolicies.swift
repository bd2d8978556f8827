import Foundation
@testable import DonorCore

/// The shipped policy files, loaded once per test process.
enum TestPolicies {
    /// The package root, found from this file's path.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url.path }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static func path(_ id: String) -> String { "\(root)/assets/policy/\(id).toml" }

    static let taiyuan: Policy = try! PolicyLoader.load(path: path("taiyuan"))

    static let zhejiang: Policy = try! PolicyLoader.load(path: path("zhejiang"))
}
