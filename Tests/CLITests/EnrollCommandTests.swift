import Foundation
import KioskTestSupport
import Testing

/// `kiosk enroll` against a real `kiosk-central serve`, as an IT person sets up a house.
extension CentralCommandTests {
    @Test func kioskEnrollsOnceAndKeepsItsCredentialOwnerOnly() throws {
        let folder = try TemporaryFolder()
        let port = Int.random(in: 20_000...45_000)
        let conf = try configure(folder, port: port)
        #expect(try central(["house", "add", "--id", "yingze", "--name", "迎泽献血屋"], conf).status == 0)
        #expect(try central(["house", "add", "--id", "other", "--name", "Other"], conf).status == 0)
        let token = try central(["enroll-token", "--house", "yingze"], conf).stdout.trimmingCharacters(in: .newlines)
        let otherToken = try central(["enroll-token", "--house", "other"], conf).stdout.trimmingCharacters(in: .newlines)

        let kioskConf = try kioskHouse(folder, id: "yingze", port: port)
        let server = try startCentral(conf, port: port)
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }

        // A token for another house is used up but nothing is saved: the house ids disagree.
        let wrongHouse = try ProductBinary.run("kiosk", ["enroll", "--token", otherToken, "--config", kioskConf])
        #expect(wrongHouse.status == 2)
        #expect(wrongHouse.stderr == "kiosk: the token is for house \"other\" but the configuration says \"yingze\"; fix [house] id and ask for a new token\n")

        let enrolled = try ProductBinary.run("kiosk", ["enroll", "--token", token, "--config", kioskConf, "--json"])
        #expect(enrolled.status == 0, "\(enrolled.stdout)\(enrolled.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(enrolled.stdout.utf8)) as? [String: Any])
        #expect(report["enrolled"] as? Bool == true)
        #expect(report["house"] as? String == "yingze")
        let credentialPath = folder.path("yingze/data/device-credential.json")
        let mode = try FileManager.default.attributesOfItem(atPath: credentialPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let credential = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: credentialPath))) as? [String: Any])
        #expect((credential["bearer"] as? String)?.hasPrefix((credential["device_id"] as? String ?? "?") + ".") == true)

        // The card-signing key was made for the enrolment (its public half went to the centre).
        let signingMode = try FileManager.default.attributesOfItem(atPath: folder.path("yingze/data/card-signing.key"))[.posixPermissions] as? Int
        #expect(signingMode == 0o600)
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(central(["device", "list", "--json"], conf).stdout.utf8)) as? [[String: Any]])
        #expect(devices.first { $0["house"] as? String == "yingze" }?["signs_cards"] as? Bool == true)

        // The credential works: the server knows the device.
        let changes = try curl(["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer \(credential["bearer"] as? String ?? "")",
                                "http://127.0.0.1:\(port)/v1/changes?after=0"])
        #expect(changes == "200")

        // Enrolling twice is refused on the kiosk before any request.
        let again = try ProductBinary.run("kiosk", ["enroll", "--token", token, "--config", kioskConf])
        #expect(again.status == 2)
        #expect(again.stderr.hasPrefix("kiosk: this kiosk is already enrolled"))

        // A used token is the server's refusal, exit 1, in the server's words.
        try FileManager.default.removeItem(atPath: credentialPath)
        let replay = try ProductBinary.run("kiosk", ["enroll", "--token", token, "--config", kioskConf])
        #expect(replay.status == 1)
        #expect(replay.stdout.hasPrefix("✗ "))
        #expect(!FileManager.default.fileExists(atPath: credentialPath))

        // No server at all: one plain line.
        let unreachable = try ProductBinary.run("kiosk", ["enroll", "--token", token, "--server", "http://127.0.0.1:1", "--config", kioskConf])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.hasPrefix("kiosk: cannot reach 127.0.0.1:"))
    }
}
