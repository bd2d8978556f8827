import KioskTestSupport
import Testing
import TerminalUI

/// Each widget rendered on a test screen and compared with a text snapshot.
@Suite struct WidgetSnapshotTests {
    @Test func blockDrawsBorderAndChineseTitle() {
        assertSnapshot(renderWidget(Block(title: "献血者"), width: 16, height: 4), named: "block")
    }

    @Test func paragraphWrapsChineseBetweenCharacters() {
        let text = "献血屋为您服务 Blood donation house"
        assertSnapshot(renderWidget(Paragraph(text), width: 11, height: 5), named: "paragraph")
    }

    @Test func textFieldShowsChineseWithCursorAtEnd() {
        var field = TextField(text: "张三丰abc")
        field.isFocused = true
        let backend = renderWidget(field, width: 12, height: 1)
        assertSnapshot(backend, named: "textfield")
        #expect(backend.cursor == Position(x: 9, y: 0))
    }

    @Test func textFieldScrollsToKeepCursorVisible() {
        var field = TextField(text: "一二三四五六七八")
        field.isFocused = true
        let backend = renderWidget(field, width: 9, height: 1)
        assertSnapshot(backend, named: "textfield-scrolled")
        #expect(backend.cursor == Position(x: 8, y: 0))
    }

    @Test func formShowsLabelsFieldsAndValidationMessage() {
        var form = Form(fields: [
            TextField(label: "姓名", text: "李娜"),
            TextField(label: "手机", text: "1380013", mask: .phone) { $0.count == 11 ? nil : "需要11位" },
        ], labelWidth: 6)
        form.focus(1)
        assertSnapshot(renderWidget(form, width: 40, height: 4), named: "form")
    }

    @Test func selectListHighlightsAndScrolls() {
        var state = ScrollState(count: 6, visibleRows: 3)
        state.handle(.down)
        state.handle(.down)
        state.handle(.down)
        let list = SelectList(items: ["张伟", "李娜", "王芳", "Chen Jie", "刘洋", "赵敏"], state: state)
        assertSnapshot(renderWidget(list, width: 14, height: 3), named: "selectlist")
    }

    @Test func tableShowsHeaderRowsAndSelection() {
        let table = Table(
            headers: ["姓名", "类型", "次数"],
            rows: [["张伟", "全血", "3"], ["李娜", "血小板", "12"], ["Chen", "血浆", "1"]],
            widths: [.fixed(6), .fixed(8), .min(4)], state: ScrollState(count: 3, visibleRows: 3, selected: 1))
        assertSnapshot(renderWidget(table, width: 24, height: 4), named: "table")
    }

    @Test func confirmDialogIsCentredWithButtons() {
        let dialog = Dialog.confirm(title: "确认", message: "激活优待证？")
        assertSnapshot(renderWidget(dialog, width: 44, height: 8), named: "dialog")
    }

    @Test func statusBarShowsHintsAndStatus() {
        let bar = StatusBar(hints: [("F1", "帮助"), ("F10", "退出")], status: "80x24")
        assertSnapshot(renderWidget(bar, width: 30, height: 1), named: "statusbar")
    }

    @Test func toastSitsAtTheRight() {
        assertSnapshot(renderWidget(Toast("已保存", kind: .success), width: 20, height: 1), named: "toast")
    }

    @Test func progressBarFillsInEighths() {
        assertSnapshot(renderWidget(ProgressBar(ratio: 0.4375, label: ""), width: 8, height: 1), named: "progress")
    }

    @Test func barChartScalesToLargestValue() {
        let chart = BarChart(items: [("周一", 4), ("周二", 8), ("周三", 2)])
        assertSnapshot(renderWidget(chart, width: 16, height: 3), named: "barchart")
    }

    @Test func sparklineMapsValuesToEightLevels() {
        assertSnapshot(renderWidget(Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]), width: 8, height: 1), named: "sparkline")
    }

    @Test func bigTextDrawsDigitsAndSpacesChinese() {
        assertSnapshot(renderWidget(BigText("A7"), width: 12, height: 5), named: "bigtext")
        assertSnapshot(renderWidget(BigText("三号"), width: 12, height: 5), named: "bigtext-cjk")
    }

    @Test func qrCodeUsesHalfBlocksWithQuietZone() throws {
        let code = try #require(QRCode("KIOSK"))
        let view = QRCodeView(code: code)
        #expect(view.size == Size(width: 29, height: 15))
        assertSnapshot(renderWidget(view, width: 29, height: 15), named: "qrcode")
    }

    @Test func asciiArtMascotsLoadFromAssets() throws {
        let root = PackagePaths.root
        for name in ["bing-xiaonuan", "bing-xiaoyong"] {
            let art = try AsciiArt(contentsOf: root + "/assets/art/\(name).txt")
            #expect(art.size.width <= 30 && art.size.height <= 12)
            assertSnapshot(renderWidget(art, width: 30, height: 12), named: "art-\(name)")
        }
    }

    @Test func tooSmallScreenSaysRequiredSize() {
        let backend = renderScreen(width: 50, height: 8) { buffer in
            TooSmallView.render(current: Size(width: 50, height: 8), required: Size(width: 80, height: 24), into: &buffer)
        }
        assertSnapshot(backend, named: "too-small")
    }

    @Test func demoFormPageAt80x24() {
        let demo = WidgetDemo(artDirectory: PackagePaths.root + "/assets/art")
        var (state, _) = demo.start()
        state.clock = "12:00:00"
        (state, _) = demo.update(state, .input(.text("献血")))
        (state, _) = demo.update(state, .input(.scan("110101199003071234")))
        (state, _) = demo.update(state, .input(.key(.function(9))))
        let backend = renderScreen(width: 80, height: 24) { demo.view(state, into: &$0) }
        assertSnapshot(backend, named: "demo-form")
    }
}

/// Paths in the package, for tests that read assets.
enum PackagePaths {
    static var root: String {
        var url = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        url = "/" + url
        return url
    }
}
