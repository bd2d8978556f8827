import CNCursesW
import Testing
import TerminalUI

@Suite struct InputDecoderTests {
    let decoder = InputDecoder()

    func scalars(_ text: String) -> [RawInput] { text.unicodeScalars.map { .scalar($0) } }

    @Test func singleKeysDecodeToNamedKeys() {
        #expect(decoder.decode(scalars("q")) == [.key(.character("q"))])
        #expect(decoder.decode(scalars("\r")) == [.key(.enter)])
        #expect(decoder.decode(scalars("\u{1}")) == [.key(.ctrl("a"))])
        #expect(decoder.decode(scalars("\u{11}")).first?.name == "Ctrl-Q")
        #expect(decoder.decode(scalars("\u{7F}")) == [.key(.backspace)])
        #expect(decoder.decode(scalars("\t")) == [.key(.tab)])
        #expect(decoder.decode(scalars("\u{1B}")) == [.key(.escape)])
        #expect(decoder.decode(scalars("\u{1B}x")) == [.key(.alt("x"))])
    }

    @Test func scannerBurstEndingInEnterIsOneScan() {
        let burst = "11010119900307123X" + "ABCDEFGHIJKL"
        let events = decoder.decode(scalars(burst + "\r"))
        #expect(events == [.scan(burst)])
    }

    @Test func burstCannotTriggerShortcutsOrLoseOrder() {
        // "q" alone would quit the demo; inside a burst it is text, followed by a real key.
        let events = decoder.decode(scalars("qwerty") + [.key(.function(5))] + scalars("献血"))
        #expect(events == [.text("qwerty"), .key(.function(5)), .text("献血")])
    }

    @Test func shortRunBeforeEnterIsTextThenEnter() {
        #expect(decoder.decode(scalars("ab\r")) == [.text("ab"), .key(.enter)])
    }

    @Test func inputMethodCommitArrivesAsText() {
        #expect(decoder.decode(scalars("献血光荣")) == [.text("献血光荣")])
        #expect(decoder.decode(scalars("e\u{301}")) == [.key(.character("e\u{301}"))])
    }

    @Test func cursesKeyCodesMapToKeys() {
        #expect(NCursesKeyMap.key(forCode: KEY_F0 + 5) == .function(5))
        #expect(NCursesKeyMap.key(forCode: KEY_F0 + 12).name == "F12")
        #expect(NCursesKeyMap.key(forCode: KEY_BTAB) == .backTab)
        #expect(NCursesKeyMap.key(forCode: KEY_DC) == .delete)
        #expect(NCursesKeyMap.key(forCode: KEY_NPAGE).name == "PgDn")
        #expect(NCursesKeyMap.key(forCode: KEY_HOME) == .home)
    }
}

@Suite struct TextFieldEditingTests {
    @Test func cursorMovesByGraphemeAndEditsChinese() {
        var field = TextField(text: "献血光荣")
        field.handle(.key(.left))
        field.handle(.key(.backspace))
        #expect(field.text == "献血荣")
        field.handle(.key(.home))
        field.handle(.key(.delete))
        field.handle(.text("无偿"))
        #expect(field.text == "无偿血荣")
        #expect(field.cursor == 2)
    }

    @Test func idMaskKeepsDigitsAndFinalXOnly() {
        var field = TextField(mask: .idNumber)
        field.handle(.text("11010x1990-0307123x99"))
        #expect(field.text == "110101990030712399")
        var withX = TextField(mask: .idNumber)
        withX.handle(.text("11010119900307123x"))
        #expect(withX.text == "11010119900307123X")
    }

    @Test func phoneMaskKeepsElevenDigits() {
        var field = TextField(mask: .phone)
        field.handle(.text("138-0013-8000-99"))
        #expect(field.text == "13800138000")
    }

    @Test func validatorMessageShowsOnlyForNonEmptyInvalidText() {
        var field = TextField(mask: .phone) { $0.count == 11 ? nil : "需要11位" }
        #expect(field.validationMessage == nil)
        field.handle(.text("138"))
        #expect(field.validationMessage == "需要11位")
        field.handle(.text("00138000"))
        #expect(field.validationMessage == nil)
    }

    @Test func formMovesFocusWithTabAndShiftTab() {
        var form = Form(fields: [TextField(label: "a"), TextField(label: "b"), TextField(label: "c")])
        form.handle(.key(.tab))
        form.handle(.key(.character("x")))
        form.handle(.key(.backTab))
        form.handle(.key(.backTab))
        #expect(form.focus == 2)
        #expect(form[1].text == "x")
        #expect(form[2].isFocused && !form[0].isFocused)
    }

    @Test func dialogReportsChoice() {
        var dialog = Dialog.confirm(title: "t", message: "m")
        #expect(dialog.handle(.key(.right)) == nil)
        #expect(dialog.handle(.key(.enter)) == 1)
        #expect(dialog.handle(.key(.escape)) == 1)
    }
}
