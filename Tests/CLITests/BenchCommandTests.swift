import Foundation
import KioskTestSupport
import Testing

/// `kiosk-bench`: the scenarios keep running and reporting in the documented shape (the
/// figures themselves are only meaningful in a release build; see docs/performance.md).
@Suite struct BenchCommandTests {
    @Test func storeScenarioReportsFiguresBesideTheirBaselines() throws {
        let run = try ProductBinary.run("kiosk-bench", ["store", "--donors", "300", "--chunk", "100", "--lookups", "200", "--json"])
        // 1 only means a target was missed, which a debug build on a busy machine may do.
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let report = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)")
        #expect(report["scenario"] as? String == "store")
        #expect((report["parameters"] as? [String: String])?["donors"] == "300")
        let figures = try #require(report["figures"] as? [[String: Any]])
        let importRate = try #require(figures.first { ($0["name"] as? String)?.hasPrefix("import donors/s") == true })
        #expect(importRate["baseline"] as? String == "raw SQLite")
        #expect((importRate["baseline_value"] as? Double ?? 0) > 0)
        #expect(figures.contains { ($0["name"] as? String)?.hasPrefix("ID lookup p99") == true && $0["target"] as? String == "< 1.00 ms" })
        #expect(figures.contains { ($0["name"] as? String)?.hasPrefix("donor summary") == true })
        #expect((report["machine"] as? [String: Any])?["cores"] is Int)
    }

    @Test func bootstrapScenarioPullsTheWholeCityBesideTheRawLoad() throws {
        let run = try ProductBinary.run("kiosk-bench", ["bootstrap", "--donors", "200", "--page", "100", "--json"])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let report = try Self.report(run)
        #expect(report.scenario == "bootstrap")
        // Exit 2 would mean the kiosk's counts after the bootstrap differ from what the centre
        // held (the scenario checks them). Donations are capped at 3 per donor on average.
        #expect(report.parameters["donors"] == "200")
        let donations = try #require(report.parameters["donations"].flatMap { Int($0) })
        #expect(donations > 500 && donations <= 600)
        #expect(report.parameters["events"].flatMap { Int($0) } ?? 0 >= 200 + donations)
        let time = try #require(report.figure("bootstrap time"))
        #expect(time["baseline"] as? String == "raw SQLite bulk load of the same rows")
        #expect((time["baseline_value"] as? Double ?? 0) > 0)
        #expect(time["target"] as? String == "< 0.012 s (60 s per 1,000,000 donors)")
    }

    @Test func catchUpScenarioPushesAndPullsEveryOfflineEvent() throws {
        let run = try ProductBinary.run("kiosk-bench", ["catchup", "--events", "60", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try Self.report(run)
        #expect(report.scenario == "catchup")
        #expect(report.parameters["events"] == "60")
        #expect((report.figure("push rate")?["value"] as? Double ?? 0) > 0)
        #expect((report.figure("pull rate")?["value"] as? Double ?? 0) > 0)
        #expect(report.figure("catch-up")?["baseline"] as? String == "raw SQLite, the events written twice")
    }

    @Test func latencyScenarioTimesDonationsFromOneHouseToAnother() throws {
        let run = try ProductBinary.run("kiosk-bench", ["latency", "--donations", "3", "--long-poll", "1", "--gap-ms", "10", "--json"])
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let report = try Self.report(run)
        #expect(report.scenario == "latency")
        #expect(report.parameters["donations"] == "3")
        let p99 = try #require(report.figure("A → B, both online, p99"))
        #expect(p99["target"] as? String == "< 2.00 s")
        #expect(p99["baseline"] as? String == "sync --once at A then at B")
        // With a one-second long-poll no donation can wait longer than a poll and a round.
        #expect((p99["value"] as? Double ?? 99) < 10)
    }

    /// The parts of a `--json` report the tests read.
    struct Report {
        var scenario: String?
        var parameters: [String: String]
        var figures: [[String: Any]]

        func figure(_ prefix: String) -> [String: Any]? {
            figures.first { ($0["name"] as? String)?.hasPrefix(prefix) == true }
        }
    }

    static func report(_ run: ProductBinary.Run) throws -> Report {
        let json = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any], "\(run.stdout)\n\(run.stderr)")
        return Report(scenario: json["scenario"] as? String, parameters: json["parameters"] as? [String: String] ?? [:],
                      figures: json["figures"] as? [[String: Any]] ?? [])
    }

    @Test func unknownScenarioIsAUsageError() throws {
        let run = try ProductBinary.run("kiosk-bench", ["nonsense"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown scenario 'nonsense'"))
        #expect(run.stderr.contains("store"))
    }
}
