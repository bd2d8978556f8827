import Foundation
import KioskSync
import Testing

/// The seed's gzip form is plain gzip: what `Gzip` writes, the system's `gzip` reads, and the
/// other way round, for sizes around the 1 MiB piece and an empty file.
@Suite("Gzip")
struct GzipTests {
    static func gzip(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(arguments: [0, 1, 1 << 20, (1 << 20) + 1, 3_000_000])
    func whatItWritesGzipReadsAndTheOtherWayRound(size: Int) throws {
        let folder = EmptyKioskFolder()
        // Half repeated bytes, half noise: both kinds of block.
        var bytes = Data((0..<size / 2).map { UInt8(truncatingIfNeeded: $0 / 100) })
        bytes += Data((0..<(size - size / 2)).map { _ in UInt8.random(in: 0...255) })
        let original = folder.directory + "/original", packed = folder.directory + "/packed.gz", back = folder.directory + "/back"
        try bytes.write(to: URL(fileURLWithPath: original))

        let written = try Gzip.compress(original, to: packed)
        #expect(written == (try SeedFile.digest(of: packed)))
        #expect(try Self.gzip(["-t", packed]) == 0, "gzip -t accepts it")
        try FileManager.default.copyItem(atPath: packed, toPath: folder.directory + "/system.gz")
        #expect(try Self.gzip(["-d", "-f", folder.directory + "/system.gz"]) == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.directory + "/system")) == bytes)

        try FileManager.default.copyItem(atPath: original, toPath: folder.directory + "/made")
        #expect(try Self.gzip(["-1", "-f", folder.directory + "/made"]) == 0)
        let inflated = try Gzip.decompress(folder.directory + "/made.gz", to: back)
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == bytes)
        #expect(inflated == (try SeedFile.digest(of: original)))
    }

    @Test func aFileThatIsNotGzipIsRefused() throws {
        let folder = EmptyKioskFolder()
        try Data("kiosk.sqlite, not compressed".utf8).write(to: URL(fileURLWithPath: folder.directory + "/plain"))
        #expect {
            _ = try Gzip.decompress(folder.directory + "/plain", to: folder.directory + "/out")
        } throws: { error in
            "\(error)" == "the compressed data is damaged"
        }
    }
}
