import DonorCore
import KioskSync
import KioskTestSupport
import SyncWire
import Testing

/// Failures: capped exponential back-off with bounded jitter, Retry-After, 401 stops, `once` gives up.
@Suite("Sync engine back-off")
struct EngineBackoffTests {
    /// An engine that has read an empty position and is about to pull.
    static func pulling(_ settings: SyncSettings, mode: SyncEngine.Mode = .continuous, seed: UInt64 = 7) -> SyncEngine {
        var engine = SyncEngine(settings: settings, mode: mode, seed: seed)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "10"))
        _ = engine.nothingToPush()
        return engine
    }

    @Test func backoffDoublesPerFailureAndStopsAtTheCap() {
        var engine = Self.pulling(SyncSettings(backoffBaseSeconds: 1, backoffCapSeconds: 16, jitterFraction: 0))
        var delays: [SyncEngine.Action] = []
        for i in 0..<7 { delays.append(engine.pullFailed(.unreachable("down"), now: Double(i))) }
        #expect(delays == [1, 2, 4, 8, 16, 16, 16].map { SyncEngine.Action.sleep(seconds: $0) })
        #expect(engine.failuresInARow == 7)
        #expect(engine.retryAt == Double(22))
        #expect(engine.lastProblem?.kind == .unreachable)
    }

    @Test func jitterStaysBetweenHalfAndAllOfTheCeilingAndSpreads() {
        let settings = SyncSettings(backoffBaseSeconds: 2, backoffCapSeconds: 60, jitterFraction: 0.5)
        var engine = SyncEngine(settings: settings, seed: 42)
        for failures in 1...8 {
            let ceiling = SyncEngine.backoffCeiling(failures: failures, settings: settings)
            let draws = (0..<500).map { _ in engine.backoffDelay(failures: failures) }
            #expect(draws.allSatisfy { $0 >= ceiling / 2 && $0 <= ceiling }, "failures \(failures)")
            #expect(draws.min()! < ceiling * 0.55 && draws.max()! > ceiling * 0.95, "jitter must use its whole range")
        }
        #expect(SyncEngine.backoffCeiling(failures: 8, settings: settings) == 60)
        #expect(SyncEngine.backoffCeiling(failures: 10_000, settings: settings) == 60)
    }

    @Test func theSameSeedGivesTheSameJitterAndAnotherSeedDoesNot() {
        let settings = SyncSettings()
        var a = SyncEngine(settings: settings, seed: 1), b = SyncEngine(settings: settings, seed: 1), c = SyncEngine(settings: settings, seed: 2)
        let first = (1...5).map { a.backoffDelay(failures: $0) }
        #expect(first == (1...5).map { b.backoffDelay(failures: $0) })
        #expect(first != (1...5).map { c.backoffDelay(failures: $0) })
    }

    @Test func retryAfterIsWaitedExactlyWhateverTheFailuresBefore() {
        var engine = Self.pulling(SyncSettings(backoffBaseSeconds: 1, backoffCapSeconds: 300, jitterFraction: 0))
        for i in 0..<5 { _ = engine.pullFailed(.server(status: 500, message: "x"), now: Double(i)) }
        #expect(engine.pullFailed(.rateLimited(retryAfterSeconds: 7), now: 100) == .sleep(seconds: 7))
        #expect(engine.retryAt == 107)
        #expect(engine.lastProblem?.kind == .rateLimited)
        // Without a Retry-After the back-off goes on growing (seventh failure: 64 s).
        #expect(engine.pullFailed(.rateLimited(retryAfterSeconds: nil), now: 200) == .sleep(seconds: 64))
        // After the wait the same pull is retried.
        #expect(engine.woke() == .changes(after: "10", limit: 500, wait: 0))
    }

    @Test func a401StopsAtOnceAndStaysStopped() {
        var engine = SyncEngine(seed: 3)
        _ = engine.start()
        _ = engine.positionRead(SyncPosition(cursor: "1"))
        let action = engine.pushFailed(ids: ["e1"], error: .unauthorized("device_revoked"), now: 0)
        guard case .stopped(let problem) = action else { Issue.record("expected stopped, got \(action)"); return }
        #expect(problem.kind == .unauthorized)
        #expect(engine.needsEnrolment)
        #expect(engine.failuresInARow == 0, "no back-off counting: nothing is retried")
        #expect(engine.woke() == action)
        #expect(engine.start() == action)
    }

    @Test func onceGivesUpAfterItsRetries() {
        var engine = Self.pulling(SyncSettings(backoffBaseSeconds: 1, jitterFraction: 0, onceRetries: 2), mode: .once)
        #expect(engine.pullFailed(.unreachable("refused"), now: 0) == .sleep(seconds: 1))
        #expect(engine.pullFailed(.unreachable("refused"), now: 1) == .sleep(seconds: 2))
        let last = engine.pullFailed(.unreachable("refused"), now: 3)
        #expect(last == .failed(SyncProblem(.unreachable, "the central server cannot be reached: refused")))
    }

    @Test func aSuccessClearsTheFailureCount() {
        var engine = Self.pulling(SyncSettings(backoffBaseSeconds: 1, jitterFraction: 0))
        _ = engine.pullFailed(.unreachable("x"), now: 0)
        _ = engine.pullFailed(.unreachable("x"), now: 1)
        _ = engine.woke()
        _ = engine.changesAnswered(ChangesResponse(events: [], cursor: "10", hasMore: false), now: 5)
        #expect(engine.failuresInARow == 0 && engine.lastProblem == nil && engine.retryAt == nil)
        #expect(engine.pullFailed(.unreachable("x"), now: 6) == .sleep(seconds: 1))
    }
}

/// The screens' words for sync problems exist in both languages.
@Suite("Sync strings")
struct SyncStringsTests {
    @Test func everyProblemKindHasWordsInChineseAndEnglish() throws {
        let kinds: [SyncProblem.Kind] = [.unreachable, .server, .rateLimited, .unauthorized, .localStore]
        for language in UIStrings.languages {
            let strings = try UIStrings.load(assets: ProductBinary.packageRoot.appendingPathComponent("assets").path, language: language)
            for key in kinds.map(\.stringKey) + ["sync.rejected", "sync.bootstrap", "sync.needs_enrolment"] {
                #expect(strings.has(key), "\(language) lacks \(key)")
            }
        }
        #expect(SyncProblem(.unreachable("refused")).kind.stringKey == "sync.problem.unreachable")
    }
}
