import DonorCore
import Foundation
import KioskStore
import KioskTestSupport
import SyncWire
import Testing

/// The seed file with the real binaries: the centre builds it with `kiosk-central seed build`,
/// a new kiosk takes it at `kiosk enroll`, answers from it before any sync, and its first
/// `kiosk sync --once` brings only what came after the seed.
extension CentralCommandTests {
    @Test func aNewKioskStartsFromTheSeedAndPullsOnlyWhatCameAfter() throws {
        let folder = try TemporaryFolder()
        let port = Int.random(in: 20_000...45_000)
        let conf = try configure(folder, port: port)
        let none = try central(["seed", "show"], conf)
        #expect(none.status == 1 && none.stdout.hasPrefix("no seed yet in "), "\(none.stdout)\(none.stderr)")
        for house in ["yingze", "xinghualing"] {
            #expect(try central(["house", "add", "--id", house, "--name", house], conf).status == 0)
        }
        let houseA = try kioskHouse(folder, id: "yingze", port: port)
        let houseB = try kioskHouse(folder, id: "xinghualing", port: port)
        let server = try startCentral(conf, port: port)
        defer { if server.isRunning { server.terminate() }; server.waitUntilExit() }

        // House A enrols while the centre has no seed yet: it says so, and A will pull pages.
        let tokenA = try central(["enroll-token", "--house", "yingze"], conf).stdout.trimmingCharacters(in: .newlines)
        let enrolledA = try json(try ProductBinary.run("kiosk", ["enroll", "--token", tokenA, "--json", "--config", houseA]))
        #expect(enrolledA["enrolled"] as? Bool == true && enrolledA["seed"] as? String == "none", "\(enrolledA)")

        // A registers a donor with whole blood and sends both.
        let first = residentID("14010519900512002")
        let storeA = try KioskStore.open(directory: folder.path("yingze/data"), keyFile: folder.path("yingze/data/kiosk.key"), deviceName: "yingze")
        let donor = try storeA.registerDonor(
            RegistryDonor(idNumber: first, name: "周种子", sex: .male, birthDate: LocalDate(year: 1990, month: 5, day: 12)!, phone: "13912345678"),
            author: "2001")
        _ = try storeA.recordDonation(for: donor, DonationFacts(date: LocalDate(year: 2026, month: 8, day: 31)!, kind: .wholeBlood,
                                                              volumeML: 400, bagNumber: "8800000001"), author: "2001")
        #expect(try json(try ProductBinary.run("kiosk", ["sync", "--once", "--json", "--config", houseA]))["ok"] as? Bool == true)

        // The centre builds the seed (the server keeps running).
        let build = try central(["seed", "build", "--json"], conf)
        #expect(build.status == 0, "\(build.stderr)")
        let built = try json(build)
        #expect(built["donors"] as? Int == 1 && built["events"] as? Int == 2, "\(built)")
        let generation = try #require(built["generation"] as? String)
        let file = try #require(built["file"] as? String)
        #expect(file == folder.path("seeds/\(generation).sqlite"))
        let shown = try json(try central(["seed", "show", "--json"], conf))
        #expect(shown["generation"] as? String == generation && shown["sha256"] as? String == built["sha256"] as? String)

        // After the seed, house A registers a second donor.
        let second = residentID("14010519850101003")
        _ = try storeA.registerDonor(
            RegistryDonor(idNumber: second, name: "吴后来", sex: .male, birthDate: LocalDate(year: 1985, month: 1, day: 1)!), author: "2001")
        try storeA.close()
        #expect(try json(try ProductBinary.run("kiosk", ["sync", "--once", "--json", "--config", houseA]))["ok"] as? Bool == true)

        // House B enrols and takes the seed.
        let tokenB = try central(["enroll-token", "--house", "xinghualing"], conf).stdout.trimmingCharacters(in: .newlines)
        let enrolledB = try json(try ProductBinary.run("kiosk", ["enroll", "--token", tokenB, "--json", "--config", houseB]))
        #expect(enrolledB["seed"] as? String == "adopted", "\(enrolledB)")
        #expect(enrolledB["seed_generation"] as? String == generation)
        #expect(enrolledB["seed_donors"] as? Int == 1)
        #expect(enrolledB["seed_cursor"] as? String == built["cursor"] as? String)
        let status = try json(try ProductBinary.run("kiosk", ["status", "--json", "--config", houseB]))
        #expect(status["cursor"] as? String == built["cursor"] as? String && status["pending"] as? Int == 0)
        #expect(status["device"] as? String != nil && status["last_pull"] is NSNull, "\(status)")

        // Before any sync, B already refuses the donor whole blood until the right date.
        let decision = try json(try ProductBinary.run("kiosk", ["eligibility", first, "--procedure", "whole_blood", "--on", "2026-09-15",
                                                               "--json", "--config", houseB]))
        #expect(decision["status"] as? String == "ineligible")
        #expect((decision["next_possible"] as? [String: Any])?["whole_blood"] as? String == "2027-02-28")
        #expect(try ProductBinary.run("kiosk", ["donor", "show", second, "--config", houseB]).status != 0)

        // Its first sync brings only the registration made after the seed.
        let synced = try json(try ProductBinary.run("kiosk", ["sync", "--once", "--json", "--config", houseB]))
        #expect((synced["summary"] as? [String: Any])?["pulled"] as? Int == 1, "\(synced)")
        let later = try ProductBinary.run("kiosk", ["donor", "show", second, "--config", houseB])
        #expect(later.status == 0 && later.stdout.contains("吴后来"), "\(later.stdout)\(later.stderr)")

        // A second try keeps the kiosk's own database.
        let again = try ProductBinary.run("kiosk", ["seed", "--config", houseB])
        #expect(again.status == 0 && again.stdout.hasPrefix("· no seed: this kiosk already has its own database"), "\(again.stdout)")
    }
}
