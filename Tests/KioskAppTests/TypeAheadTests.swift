import DonorCore
import KioskApp
import Testing
@testable import TerminalUI

/// Keys typed while a service call is under way land on the screen it opens, and a lock in
/// between keeps the answer from opening anything.
@Suite struct TypeAheadTests {
    /// Sends one message without running its effects; returns them.
    static func step(_ app: KioskApp, _ state: inout KioskState, _ message: KioskMessage) -> [Effect<KioskMessage>] {
        let (next, effects) = app.update(state, message)
        state = next
        return effects
    }

    /// Runs effects and feeds their answers back, with the effects those answers ask for.
    static func drain(_ app: KioskApp, _ state: inout KioskState, _ effects: [Effect<KioskMessage>]) async {
        var pending = effects
        while !pending.isEmpty {
            guard let answer = await Driver.run(pending.removeFirst()) else { continue }
            pending += step(app, &state, answer)
        }
    }

    @Test func keysTypedBeforeSignInAnswersGoToHome() async {
        let app = Fixture.app(Fixture.services())
        var (state, _) = app.start()
        _ = Self.step(app, &state, .input(.text("2001")))
        _ = Self.step(app, &state, .input(.key(.enter)))
        _ = Self.step(app, &state, .input(.text("222222")))
        let effects = Self.step(app, &state, .input(.key(.enter)))
        #expect(state.awaiting)
        // F2 pressed before the PIN check answers.
        _ = Self.step(app, &state, .input(.key(.function(2))))
        #expect(state.typeAhead.count == 1)
        await Self.drain(app, &state, effects)
        guard case .checkIn = state.screen else {
            Issue.record("expected check-in, got \(state.screen)")
            return
        }
        #expect(state.typeAhead.isEmpty)
    }

    @Test func anAnswerArrivingAfterALockOpensNothing() async {
        var driver = await Driver()
        await driver.signIn("2001", "222222")
        await driver.press(.function(2))
        var state = driver.state
        let effects = Self.step(driver.app, &state, .input(.scan(Fixture.regularID)))
        _ = Self.step(driver.app, &state, .input(.key(.function(11))))
        for effect in effects {
            guard let answer = await Driver.run(effect) else { continue }
            _ = Self.step(driver.app, &state, answer)
        }
        guard case .signIn = state.screen else {
            Issue.record("expected the lock screen, got \(state.screen)")
            return
        }
    }
}

/// Keys pressed on the home screen before its queue is reloaded wait for the fresh queue.
@Suite struct HomeTypeAheadTests {
    @Test func downAndEnterWaitForTheFreshQueue() async {
        var driver = await Driver()
        await FlowTests.walkToDecision(&driver)
        await driver.press(.enter)  // queued: A-001
        var state = driver.state
        let effects = TypeAheadTests.step(driver.app, &state, .input(.key(.enter)))  // home, refreshing
        #expect(state.awaitingHome)
        _ = TypeAheadTests.step(driver.app, &state, .input(.key(.down)))
        _ = TypeAheadTests.step(driver.app, &state, .input(.key(.enter)))
        #expect(state.typeAhead.count == 2)
        await TypeAheadTests.drain(driver.app, &state, effects)
        #expect(!state.awaitingHome)
        guard case .collection(let screen) = state.screen else {
            Issue.record("expected collection, got \(state.screen)")
            return
        }
        #expect(screen.entry.number == 1)
    }
}
