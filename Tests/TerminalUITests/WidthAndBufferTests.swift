import Testing
import TerminalUI

@Suite struct DisplayWidthTests {
    @Test func chineseAndFullWidthFormsTakeTwoColumns() {
        #expect(DisplayWidth.of("献血") == 4)
        #expect(DisplayWidth.of("Ａ１") == 4)  // full-width Latin and digit
        #expect(DisplayWidth.of("，") == 2)  // full-width comma
        #expect(DisplayWidth.of("abc") == 3)
    }

    @Test func combiningMarksTakeNoColumn() {
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of(Unicode.Scalar(0x301)!) == 0)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
    }

    @Test func emojiTakesTwoColumns() {
        #expect(DisplayWidth.of("🩸") == 2)
        #expect(DisplayWidth.of("❤️") == 2)
    }
}

@Suite struct BufferTests {
    @Test func wideCharacterTakesContinuationCell() {
        var buffer = Buffer(width: 4, height: 1)
        #expect(buffer.write("血a", x: 0, y: 0) == 3)
        #expect(buffer[0, 0].symbol == "血")
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].symbol == "a")
        #expect(buffer.lines() == ["血a "])
    }

    @Test func wideCharacterNeverSplitAtBorder() {
        var buffer = Buffer(width: 5, height: 1)
        let written = buffer.write("献血屋", x: 0, y: 0)
        #expect(written == 5)
        #expect(buffer.lines() == ["献血 "])
        var clipped = Buffer(width: 10, height: 1)
        clipped.write("ab献血", x: 0, y: 0, maxWidth: 5)
        #expect(clipped.lines() == ["ab献      "])
    }

    @Test func overwritingHalfOfWideCharacterBlanksTheOtherHalf() {
        var buffer = Buffer(width: 4, height: 1)
        buffer.write("献血", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0, style: .plain)
        #expect(buffer.lines() == [" x血"])
        buffer.put("y", x: 2, y: 0, style: .plain)
        #expect(buffer.lines() == [" xy "])
    }

    @Test func fillRepairsWideCharacterCutByEdge() {
        var buffer = Buffer(width: 6, height: 1)
        buffer.write("献血屋", x: 0, y: 0)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1))
        #expect(buffer.lines() == ["    屋"])
    }

    @Test func combiningMarkJoinsPreviousCell() {
        var buffer = Buffer(width: 3, height: 1)
        #expect(buffer.write("e\u{301}x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].symbol == "e\u{301}")
        #expect(buffer[1, 0].symbol == "x")
    }
}

@Suite struct LayoutTests {
    @Test func fixedPercentageAndMinimumShareTheLength() {
        #expect(Layout.split(length: 100, [.fixed(10), .percentage(30), .min(20)]) == [10, 30, 60])
        #expect(Layout.split(length: 25, [.fixed(10), .percentage(50), .min(10)]) == [10, 5, 10])
        #expect(Layout.split(length: 10, [.min(2), .min(2)]) == [5, 5])
    }

    @Test func rowsStackWithSpacing() {
        let rows = Layout.rows(Rect(x: 2, y: 1, width: 10, height: 10), [.fixed(3), .min(1)], spacing: 1)
        #expect(rows == [Rect(x: 2, y: 1, width: 10, height: 3), Rect(x: 2, y: 5, width: 10, height: 6)])
    }
}

@Suite struct ColorDegradationTests {
    @Test func paletteColoursDegradeToNearestOfEight() {
        #expect(Color.indexed(196).degraded(to: .colors8) == .red)
        #expect(Color.brightBlue.degraded(to: .colors8) == .blue)
        #expect(Color.rgb(0, 200, 0).degraded(to: .colors8) == .green)
        #expect(Color.rgb(255, 0, 0).degraded(to: .colors256) == .indexed(196))
    }

    @Test func monochromeKeepsOnlyAttributesAndReversesHighlights() {
        let highlight = Style(foreground: .black, background: .cyan, attributes: .bold)
        #expect(highlight.degraded(to: .monochrome) == Style(attributes: [.bold, .reverse]))
        #expect(Style(foreground: .red).degraded(to: .monochrome) == Style.plain)
    }
}

@Suite struct ParagraphWrapTests {
    @Test func latinWordsMoveWholeToTheNextLine() {
        #expect(Paragraph.wrap("Jinci Museum, Tianlongshan Grottoes Museum", width: 20)
                == ["Jinci Museum,", "Tianlongshan", "Grottoes Museum"])
        #expect(Paragraph.wrap("abc def", width: 5) == ["abc", "def"])
        #expect(Paragraph.wrap("abc def", width: 7) == ["abc def"])
    }

    @Test func aWordLongerThanTheLineIsCutWhereTheLineIsFull() {
        #expect(Paragraph.wrap("Outpatient consultation", width: 8) == ["Outpatie", "nt", "consulta", "tion"])
    }

    @Test func chineseBreaksBetweenAnyCharactersAndBesideLatin() {
        #expect(Paragraph.wrap("免费乘坐公交地铁", width: 6) == ["免费乘", "坐公交", "地铁"])
        // A Latin word after Chinese moves down whole; the Chinese before it stays.
        #expect(Paragraph.wrap("晋祠博物馆Jinci", width: 12) == ["晋祠博物馆", "Jinci"])
        #expect(Paragraph.wrap("第一行\n\n第三行", width: 10) == ["第一行", "", "第三行"])
    }

    /// 禁则: a closing mark never starts a line and an opening one never ends one; the
    /// character before the mark moves down with it.
    @Test func noLineStartsWithAClosingMarkOrEndsWithAnOpeningOne() {
        #expect(Paragraph.wrap("一二三四五、六七", width: 10) == ["一二三四", "五、六七"])
        #expect(Paragraph.wrap("一二三四五。", width: 10) == ["一二三四", "五。"])
        #expect(Paragraph.wrap("一二三四（五）", width: 10) == ["一二三四", "（五）"])
        #expect(Paragraph.wrap("一二三四五）", width: 10) == ["一二三四", "五）"])
        #expect(Paragraph.wrap("博物馆(太原文庙)", width: 12) == ["博物馆(太原", "文庙)"])
        // Where the mark would not start a line, nothing moves.
        #expect(Paragraph.wrap("一二三、四五六", width: 10) == ["一二三、四", "五六"])
        // A line of nothing but marks is still cut where it is full rather than lost.
        #expect(Paragraph.wrap("、、、、、、", width: 4) == ["、、", "、、", "、、"])
    }
}
