import Foundation
import KioskTestSupport
import Testing

/// A house of its own for one test: a kiosk.conf in a scratch folder pointing at the shipped
/// policy and strings, with an empty data folder beside it.
struct TestHouse {
    let folder: TemporaryFolder
    let conf: String

    init(language: String = "zh-Hans") throws {
        folder = try TemporaryFolder()
        let assets = ProductBinary.packageRoot.appendingPathComponent("assets").path
        try folder.write("kiosk.conf", """
            [house]
            id = "test-house"
            name = "测试献血屋"

            [policy]
            file = "\(assets)/policy/taiyuan.toml"
            assets = "\(assets)"

            [ui]
            language = "\(language)"
            self_service_idle_seconds = 60
            staff_idle_seconds = 300

            [data]
            directory = "data"
            key_file = "data/kiosk.key"
            """)
        conf = folder.path("kiosk.conf")
    }

    /// Runs `kiosk ARGS --config <this house>`.
    func kiosk(_ arguments: [String]) throws -> ProductBinary.Run {
        try ProductBinary.run("kiosk", arguments + ["--config", conf])
    }

    /// Runs `kiosk ARGS --json` and decodes its one JSON object.
    func json(_ arguments: [String]) throws -> (run: ProductBinary.Run, object: [String: Any]) {
        let run = try kiosk(arguments + ["--json"])
        let object = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any],
                                  "status \(run.status), stdout: \(run.stdout) stderr: \(run.stderr)")
        return (run, object)
    }

    /// How many donor records the store holds, read through a fresh backup.
    func donorCount() throws -> Int {
        let path = folder.path("count-\(UUID().uuidString).sqlite")
        let (run, object) = try json(["backup", path])
        #expect(run.status == 0, "\(run.stderr)")
        return object["donors"] as? Int ?? -1
    }
}

/// Resident ID numbers for tests: the first 17 characters and the GB 11643 check character.
func residentID(_ first17: String) -> String {
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}

/// The masked form the kiosk shows: first and last four characters.
func masked(_ number: String) -> String {
    String(number.prefix(4)) + String(repeating: "*", count: number.count - 8) + String(number.suffix(4))
}
