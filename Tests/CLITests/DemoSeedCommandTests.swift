import Foundation
import KioskTestSupport
import Testing

/// `kiosk demo seed`: a synthetic city in the store, and its sample donors usable at once.
@Suite struct DemoSeedCommandTests {
    @Test func seededCitySamplesWorkWithDonorShowAndEligibility() throws {
        let house = try TestHouse()
        let (run, report) = try house.json(["demo", "seed", "--donors", "300", "--seed", "7", "--on", "2026-11-26", "--chunk", "100"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(report["donors"] as? Int == 300)
        #expect((report["donations"] as? Int ?? 0) > 300)
        #expect(report["deferrals"] is Int)
        #expect(report["seconds"] is Double)
        #expect(run.stderr.contains("300/300"))
        #expect(try house.donorCount() == 300)

        let samples = try #require(report["samples"] as? [String: Any])
        #expect(Set(samples.keys) == ["annual_card", "honour_card", "permanently_deferred", "first_timer", "stem_cell"])
        let annual = try #require(samples["annual_card"] as? String)
        let (shown, summary) = try house.json(["donor", "show", annual, "--on", "2026-11-26"])
        #expect(shown.status == 0)
        #expect((summary["donor"] as? [String: Any])?["masked_id_number"] as? String == masked(annual))
        #expect(!shown.stdout.contains(annual))
        #expect((summary["card"] as? [String: Any])?["card"] as? String == "annual")

        for case let (kind, number as String) in samples {
            let (decided, decision) = try house.json(["eligibility", number, "--procedure", "whole_blood", "--on", "2026-11-26"])
            #expect(decided.status == 1, "\(kind): no vitals were taken, so no sample may donate yet")
            #expect(["ineligible", "incomplete"].contains(decision["status"] as? String))
            #expect(!decided.stdout.contains(number))
        }
        if let deferred = samples["permanently_deferred"] as? String {
            let text = try house.kiosk(["donor", "show", deferred, "--on", "2026-11-26"])
            #expect(text.stdout.contains("⚠ 暂不能献血，请至护士处"), "\(text.stdout)")
            #expect(!text.stdout.contains("血液检测阳性"))
            let supervisor = try house.kiosk(["donor", "show", deferred, "--on", "2026-11-26", "--as", "supervisor"])
            #expect(supervisor.stdout.contains("永久不宜献血："))
        }

        let again = try house.kiosk(["demo", "seed", "--donors", "10"])
        #expect(again.status == 2)
        #expect(again.stderr.contains("300"))
    }
}
