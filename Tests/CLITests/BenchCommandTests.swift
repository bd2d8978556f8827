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

    @Test func unknownScenarioIsAUsageError() throws {
        let run = try ProductBinary.run("kiosk-bench", ["nonsense"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown scenario 'nonsense'"))
        #expect(run.stderr.contains("store"))
    }
}
