import KioskTestSupport
import Testing
import TerminalUI

@Suite struct DiffTests {
    @Test func diffListsOnlyChangedCells() {
        var old = Buffer(width: 10, height: 2)
        old.write("献血 hello", x: 0, y: 0)
        var new = old
        new.write("j", x: 5, y: 0)
        #expect(new.diff(from: old) == [CellUpdate(x: 5, y: 0, cell: Cell("j"))])
    }

    @Test func replacingWideCharacterWithNarrowRedrawsBothHalves() {
        var old = Buffer(width: 4, height: 1)
        old.write("血", x: 0, y: 0)
        var new = Buffer(width: 4, height: 1)
        new.write("ab", x: 0, y: 0)
        #expect(new.diff(from: old).map(\.x) == [0, 1])
    }

    @Test func wideCharacterIsOneUpdateWithoutContinuation() {
        let old = Buffer(width: 4, height: 1)
        var new = old
        new.write("血", x: 1, y: 0)
        #expect(new.diff(from: old) == [CellUpdate(x: 1, y: 0, cell: Cell("血"))])
    }

    @Test func rendererWritesOnlyDifferenceAndRepaintsAfterResize() {
        let backend = TestBackend(width: 20, height: 3)
        let renderer = Renderer(backend: backend)
        renderer.render { $0.write("献血屋 kiosk", x: 0, y: 0) }
        #expect(renderer.lastUpdateCount == 8)  // the space was already blank
        renderer.render { $0.write("献血屋 kiosK", x: 0, y: 0) }
        #expect(renderer.lastUpdateCount == 1)
        #expect(backend.lines[0] == "献血屋 kiosK        ")
        backend.resize(width: 12, height: 2)
        renderer.render { $0.write("献血屋 kiosK", x: 0, y: 0) }
        #expect(renderer.lastUpdateCount == 8)  // cleared screen: only non-blank cells
        #expect(backend.lines == ["献血屋 kiosK", "            "])
    }
}

@Suite struct AnsiEncoderTests {
    @Test func encodesMoveStyleAndTextThenSkipsRedundantOnes() {
        var encoder = AnsiEncoder()
        var bytes: [UInt8] = []
        let red = Style(foreground: .red, attributes: .bold)
        encoder.encode([
            CellUpdate(x: 2, y: 1, cell: Cell("血", style: red)),
            CellUpdate(x: 4, y: 1, cell: Cell("a", style: red)),
        ], into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}[2;3H\u{1B}[0;1;31m血a")
    }

    @Test func oneCharacterEditCostsFewBytes() {
        let backend = AnsiBackend(width: 200, height: 60)
        let renderer = Renderer(backend: backend)
        renderer.render { buffer in
            for row in 0..<60 { buffer.write(String(repeating: "献血 donor ", count: 20), x: 0, y: row) }
        }
        let full = backend.takeOutput().count
        renderer.render { buffer in
            for row in 0..<60 { buffer.write(String(repeating: "献血 donor ", count: 20), x: 0, y: row) }
            buffer.put("D", x: 3, y: 30, style: .plain)
        }
        let edit = backend.takeOutput().count
        #expect(edit < 64)
        #expect(full > 10_000)
    }
}

@Suite struct ColorDepthBackendTests {
    @Test func backendDegradesStylesToItsColorDepth() {
        let highlight = Style(foreground: .black, background: .indexed(39), attributes: .bold)
        let eight = renderScreen(width: 4, height: 1, depth: .colors8) { $0.write("血", x: 0, y: 0, style: highlight) }
        #expect(eight.screen[0, 0].style == Style(foreground: .black, background: .cyan, attributes: .bold))
        let mono = renderScreen(width: 4, height: 1, depth: .monochrome) { $0.write("血", x: 0, y: 0, style: highlight) }
        #expect(mono.screen[0, 0].style == Style(attributes: [.bold, .reverse]))
        #expect(mono.lines == ["血  "])
    }

    @Test func scrollStatePagesAndClamps() {
        var state = ScrollState(count: 30, visibleRows: 10)
        state.handle(.pageDown)
        #expect(state.selected == 10 && state.offset == 1)
        state.handle(.end)
        #expect(state.selected == 29 && state.offset == 20)
        state.handle(.pageUp)
        #expect(state.selected == 19 && state.offset == 19)
        #expect(state.handle(.left) == false)
    }
}
