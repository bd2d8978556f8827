/// Drawing the demo's pages.
extension WidgetDemo {
    public func view(_ state: State, into buffer: inout Buffer) {
        let screen = buffer.area
        let rows = Layout.rows(screen, [.fixed(1), .fixed(3), .min(10), .fixed(1)])
        drawHeader(state, in: rows[0], into: &buffer)
        drawInfo(state, size: Size(width: screen.width, height: screen.height), in: rows[1], into: &buffer)
        let body = rows[2]
        switch state.page {
        case 0: drawFormPage(state, in: body, into: &buffer)
        case 1: drawListPage(state, in: body, into: &buffer)
        case 2: drawChartPage(state, in: body, into: &buffer)
        default: drawBigPage(state, in: body, into: &buffer)
        }
        StatusBar(
            hints: [("F1-4", "页面"), ("F5", "提示"), ("F6", "确认"), ("F7", "查询"), ("F10", "退出")],
            status: "\(screen.width)x\(screen.height) \(state.clock)"
        ).render(in: rows[3], into: &buffer)
        if let toast = state.toast {
            toast.render(in: Rect(x: screen.x, y: screen.y + 1, width: screen.width, height: 1), into: &buffer)
        }
        if let dialog = state.dialog {
            buffer.cursor = nil
            dialog.render(in: screen, into: &buffer)
        }
    }

    private func drawHeader(_ state: State, in area: Rect, into buffer: inout Buffer) {
        buffer.fill(area, with: Cell(" ", style: Theme.focused))
        var x = area.x + buffer.write(" 献血屋 组件演示 ", x: area.x, y: area.y, style: Theme.focused.adding(.bold))
        for (index, name) in WidgetDemo.pageNames.enumerated() {
            let style = index == state.page ? Theme.highlight : Theme.focused
            x += buffer.write(" F\(index + 1) \(name) ", x: x, y: area.y, style: style) + 1
        }
    }

    private func drawInfo(_ state: State, size: Size, in area: Rect, into buffer: inout Buffer) {
        let columns = Layout.columns(area, [.percentage(50), .min(10)])
        buffer.write("按键: \(state.lastKey)", x: columns[0].x + 1, y: area.y, style: Theme.title)
        buffer.write("尺寸: \(size)", x: columns[1].x, y: area.y)
        buffer.write("扫描: \(state.lastScan)", x: area.x + 1, y: area.y + 1, maxWidth: area.width - 2)
        buffer.write("回显: \(state.form[0].text)", x: area.x + 1, y: area.y + 2, maxWidth: columns[0].width - 1)
        buffer.write("查询: \(state.queryStatus)", x: columns[1].x, y: area.y + 2, maxWidth: columns[1].width)
    }

    private func drawFormPage(_ state: State, in area: Rect, into buffer: inout Buffer) {
        let block = Block(title: "表单 Form · Tab 切换焦点")
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 1)
        state.form.render(in: inner, into: &buffer)
        let status = state.form.isValid ? "✓ 全部有效 all valid" : "请检查标红的字段 check the fields marked ✗"
        buffer.write(status, x: inner.x, y: inner.y + 7, style: state.form.isValid ? Theme.success : Theme.muted)
        Paragraph("中文输入法可直接输入；扫码枪或读卡器的一串输入显示在上方“扫描”行，不会被当作快捷键。")
            .render(in: Rect(x: inner.x, y: inner.y + 9, width: inner.width, height: 3), into: &buffer)
    }

    private func drawListPage(_ state: State, in area: Rect, into buffer: inout Buffer) {
        let columns = Layout.columns(area, [.fixed(22), .min(30)], spacing: 1)
        let listBlock = Block(title: "献血者 Donors")
        listBlock.render(in: columns[0], into: &buffer)
        let listArea = listBlock.inner(columns[0])
        var list = state.list
        list.visibleRows = listArea.height
        SelectList(items: WidgetDemo.donors.map(\.name), state: list).render(in: listArea, into: &buffer)
        let tableBlock = Block(title: "记录 Records · ↑↓ PgUp PgDn")
        tableBlock.render(in: columns[1], into: &buffer)
        let tableArea = tableBlock.inner(columns[1])
        var tableState = state.list
        tableState.visibleRows = max(1, tableArea.height - 1)
        Table(
            headers: ["姓名", "类型", "次数", "上次"],
            rows: WidgetDemo.donors.map { [$0.name, $0.type, $0.count, $0.last] },
            widths: [.fixed(10), .min(12), .fixed(4), .fixed(10)], state: tableState
        ).render(in: tableArea, into: &buffer)
    }

    private func drawChartPage(_ state: State, in area: Rect, into buffer: inout Buffer) {
        let block = Block(title: "图表 Charts")
        block.render(in: area, into: &buffer)
        let inner = block.inner(area).inset(horizontal: 1, vertical: 0)
        buffer.write("进度 Progress (F7)", x: inner.x, y: inner.y, style: Theme.title)
        ProgressBar(ratio: state.progress).render(in: Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: 1), into: &buffer)
        buffer.write("本周献血 This week", x: inner.x, y: inner.y + 3, style: Theme.title)
        BarChart(items: [("周一", 12), ("周二", 7), ("周三", 15), ("周四", 4), ("周五", 20)])
            .render(in: Rect(x: inner.x, y: inner.y + 4, width: inner.width, height: 5), into: &buffer)
        buffer.write("排队 Queue (每秒 per second)", x: inner.x, y: inner.y + 10, style: Theme.title)
        Sparkline(values: state.samples).render(in: Rect(x: inner.x, y: inner.y + 11, width: inner.width, height: 1), into: &buffer)
    }

    private func drawBigPage(_ state: State, in area: Rect, into buffer: inout Buffer) {
        let columns = Layout.columns(area, [.min(40), .fixed(33)], spacing: 1)
        let left = columns[0]
        buffer.write("叫号 Now serving", x: left.x, y: left.y, style: Theme.title)
        BigText("A-042").render(in: Rect(x: left.x, y: left.y + 1, width: left.width, height: 5), into: &buffer)
        BigText("请到三号台").render(in: Rect(x: left.x, y: left.y + 6, width: left.width, height: 3), into: &buffer)
        var x = left.x
        for art in state.art {
            art.render(in: Rect(x: x, y: left.y + 9, width: min(30, left.right - x), height: left.bottom - left.y - 9), into: &buffer)
            x += art.size.width + 2
        }
        if let code = QRCode("DEMO-CARD-0042") {
            QRCodeView(code: code).render(in: columns[1], into: &buffer)
        }
    }
}
