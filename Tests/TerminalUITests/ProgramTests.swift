import Foundation
import Testing
import TerminalUI

/// Input that plays back prepared batches, then waits (briefly) with nothing.
/// With `hangsUpAtEnd`, the terminal goes away once the batches are played.
final class ScriptedInput: InputSource {
    var batches: [[RawInput]]
    let hangsUpAtEnd: Bool
    private(set) var hasHungUp = false
    init(_ batches: [[RawInput]], hangsUpAtEnd: Bool = false) {
        self.batches = batches
        self.hangsUpAtEnd = hangsUpAtEnd
    }
    func nextBatch(timeoutMilliseconds: Int32) -> [RawInput] {
        if batches.isEmpty {
            hasHungUp = hangsUpAtEnd
            return []
        }
        return batches.removeFirst()
    }
}

/// A tiny app: counts keys, records scans, and fetches a value through a slow effect.
struct CounterApp: TerminalApp {
    struct State { var keys = 0; var scans: [String] = []; var fetched = "" }
    enum Message: Sendable { case event(InputEvent), fetched(String) }

    var minimumSize = Size(width: 10, height: 2)
    var idleTimeout: Duration?

    func idleMessage() -> Message? { .fetched("idle") }

    func start() -> (State, [Effect<Message>]) { (State(), []) }

    func update(_ state: State, _ message: Message) -> (State, [Effect<Message>]) {
        var state = state
        switch message {
        case .event(.scan(let text)):
            state.scans.append(text)
        case .event(.key(.function(7))):
            return (state, [.task {
                try? await Task.sleep(for: .milliseconds(50))
                return .fetched("done")
            }])
        case .event(.key(.ctrl("q"))):
            return (state, [.quit])
        case .event:
            state.keys += 1
        case .fetched(let value):
            state.fetched = value
            return (state, [.quit])
        }
        return (state, [])
    }

    func view(_ state: State, into buffer: inout Buffer) {
        buffer.write("keys \(state.keys) \(state.fetched)", x: 0, y: 0)
    }

    func message(for event: InputEvent, in state: State) -> Message? { .event(event) }
}

@Suite struct ProgramTests {
    @Test func effectResultComesBackAsMessageWhileKeysKeepWorking() {
        let backend = TestBackend(width: 20, height: 2)
        let input = ScriptedInput([[.key(.function(7))], [.scalar("a")], [.scalar("b")]])
        let program = Program(app: CounterApp(), backend: backend, input: input)
        let state = program.run()
        #expect(state.keys == 2)
        #expect(state.fetched == "done")
        // Both keys were drawn while the effect was still running; its result then quit.
        #expect(backend.screen.text(row: 0) == "keys 2")
    }

    /// A terminal that goes away ends the program as a hang-up, even when no SIGHUP arrives
    /// (the signal blocked), instead of spinning on input that never comes.
    @Test func aTerminalThatHangsUpEndsTheProgram() {
        let backend = TestBackend(width: 20, height: 2)
        let program = Program(app: CounterApp(), backend: backend, input: ScriptedInput([[.scalar("a")]], hangsUpAtEnd: true))
        let state = program.run()
        #expect(state.keys == 1)
        #expect(program.terminationSignal == SIGHUP)
    }

    @Test func scannerBurstReachesAppAsOneScan() {
        let backend = TestBackend(width: 20, height: 2)
        let burst = Array("ABCDEFGHIJ0123456789KLMNOPQRST".unicodeScalars).map { RawInput.scalar($0) }
        let input = ScriptedInput([burst + [.scalar("\r")], [.scalar("\u{11}")]])
        let state = Program(app: CounterApp(), backend: backend, input: input).run()
        #expect(state.scans == ["ABCDEFGHIJ0123456789KLMNOPQRST"])
        #expect(state.keys == 0)
    }

    @Test func smallScreenShowsRequiredSize() {
        let backend = TestBackend(width: 40, height: 6)
        let app = CounterApp(minimumSize: Size(width: 80, height: 24))
        Program(app: app, backend: backend, input: ScriptedInput([])).render()
        #expect(backend.screen.text(row: 2) == "          需要 at least 80x24")
        #expect(backend.screen.text(row: 3) == "             当前 now 40x6")
    }

    @Test func idleTimeoutSendsIdleMessageAfterQuietPeriod() {
        let backend = TestBackend(width: 20, height: 2)
        let app = CounterApp(idleTimeout: .milliseconds(30))
        let program = Program(app: app, backend: backend, input: ScriptedInput([[.scalar("a")]]))
        program.pollMilliseconds = 5
        let state = program.run()  // the idle message quits the counter app
        #expect(state.keys == 1)
        #expect(state.fetched == "idle")
    }
}
