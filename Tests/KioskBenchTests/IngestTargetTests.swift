@testable import kiosk_bench
import Testing

/// When `kiosk-bench central` says the ingest target (≥ 5,000 events/s) was met.
@Suite("Ingest target")
struct IngestTargetTests {
    @Test func pacedRunThatTakesInEverythingAtTheOfferedRateMeetsIt() {
        // 5,000/s offered, all 50,000 events taken in at 4,997/s: the staggered start costs a hair.
        #expect(IngestTarget.met(measured: 4_997, offered: 5_000, accepted: 50_000, total: 50_000))
    }

    @Test func pacedRunMayFallUpToOnePercentUnderTheOfferedRate() {
        #expect(IngestTarget.met(measured: 4_950, offered: 5_000, accepted: 50_000, total: 50_000))
        #expect(!IngestTarget.met(measured: 4_949, offered: 5_000, accepted: 50_000, total: 50_000))
    }

    @Test func pacedRunThatDidNotTakeInEveryEventMissesIt() {
        #expect(!IngestTarget.met(measured: 5_000, offered: 5_000, accepted: 49_980, total: 50_000))
    }

    @Test func pacedRunOfferingLessThanTheTargetMissesItEvenWhenItKeepsUp() {
        #expect(!IngestTarget.met(measured: 999, offered: 1_000, accepted: 30_000, total: 30_000))
        #expect(IngestTarget.description(offered: 1_000) == "≥ 5,000 events/s offered, all taken in within 1 % of it (paced)")
    }

    @Test func closedLoopIsMetByMeasuredCapacityAlone() {
        #expect(IngestTarget.met(measured: 5_000, offered: nil, accepted: 20_000, total: 20_000))
        #expect(!IngestTarget.met(measured: 4_999.9, offered: nil, accepted: 20_000, total: 20_000))
        #expect(IngestTarget.description(offered: nil) == "≥ 5,000 events/s measured (closed loop: capacity)")
    }
}
