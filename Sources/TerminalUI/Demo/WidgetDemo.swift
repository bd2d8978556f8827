import Foundation

/// A demo app showing every widget, used by `kiosk ui-demo` and the tmux end-to-end test.
///
/// F1–F4 switch pages (Tab also moves to the next page except on the form page, where it
/// moves the focus); F5 shows a toast, F6 a confirm dialog, F7 runs a slow "query" as an
/// effect to show typing never freezes; F10 or Ctrl-Q quits. The header always shows the
/// last key's name, the last scanned burst and the terminal size.
public struct WidgetDemo: TerminalApp {
    /// Where the mascot art files are (`assets/art` in the package).
    public var artDirectory: String
    /// How long without input before the demo says it is idle.
    public var idleTimeout: Duration? { .seconds(120) }

    /// A demo reading its art from `artDirectory`.
    public init(artDirectory: String = "assets/art") {
        self.artDirectory = artDirectory
    }

    /// Everything the demo shows.
    public struct State: Sendable {
        /// The page shown (0 to 3).
        public var page = 0
        /// The name, ID and phone fields.
        public var form: Form
        /// The name of the last key pressed.
        public var lastKey = "-"
        /// The text of the last scanner burst.
        public var lastScan = ""
        /// The time shown in the status bar.
        public var clock = ""
        /// The highlighted donor on the lists page.
        public var list = ScrollState(count: WidgetDemo.donors.count, visibleRows: 8)
        /// The open dialog, if any.
        public var dialog: Dialog?
        /// The notice shown, if any.
        public var toast: Toast?
        /// Counts toasts, so an old expiry timer cannot remove a newer toast.
        public var toastSerial = 0
        /// What the slow query is doing.
        public var queryStatus = "空闲 idle"
        /// The progress bar value.
        public var progress = 0.35
        /// The sparkline values.
        public var samples = [3, 5, 2, 8, 6, 9, 4, 7, 10, 6, 5, 8, 12, 9, 7, 11]
        /// The mascots loaded from the art folder.
        public var art: [AsciiArt] = []
    }

    /// What can happen in the demo.
    public enum Message: Sendable {
        case input(InputEvent)
        case tick
        case toastExpired(Int)
        case queryFinished(String)
        case idle
    }

    static let pageNames = ["输入 Form", "列表 Lists", "图表 Charts", "大字 Big"]
    static let donors: [(name: String, type: String, count: String, last: String)] = [
        ("张伟", "全血 400ml", "3", "2025-11-02"), ("李娜", "血小板 1U", "12", "2026-01-15"),
        ("王芳", "全血 200ml", "1", "2026-02-20"), ("Chen Jie", "全血 400ml", "7", "2025-09-30"),
        ("刘洋", "血浆 600ml", "21", "2026-03-01"), ("赵敏", "全血 300ml", "5", "2025-12-12"),
        ("孙磊", "血小板 2U", "30", "2026-02-28"), ("周婷", "全血 400ml", "2", "2026-01-05"),
        ("吴刚", "全血 400ml", "9", "2025-10-18"), ("郑爽", "血浆 400ml", "4", "2026-03-10"),
        ("Maria Li", "全血 200ml", "1", "2026-03-12"), ("冯晓", "全血 400ml", "16", "2025-08-08"),
    ]

    public func start() -> (State, [Effect<Message>]) {
        let form = Form(fields: [
            TextField(label: "姓名 Name", placeholder: "输入中文 type Chinese"),
            TextField(label: "证件 ID", mask: .idNumber) { $0.count == 18 ? nil : "需要18位 18 chars" },
            TextField(label: "手机 Phone", mask: .phone) { $0.count == 11 ? nil : "需要11位 11 digits" },
        ])
        var state = State(form: form)
        state.clock = WidgetDemo.timeText(Date())
        state.art = ["bing-xiaonuan.txt", "bing-xiaoyong.txt"].map { file in
            (try? AsciiArt(contentsOf: artDirectory + "/" + file)) ?? AsciiArt(lines: ["(\(file) missing)"])
        }
        return (state, [.after(.seconds(1), .tick)])
    }

    public func message(for event: InputEvent, in state: State) -> Message? {
        .input(event)
    }

    public func idleMessage() -> Message? { .idle }

    public func update(_ state: State, _ message: Message) -> (State, [Effect<Message>]) {
        var state = state
        switch message {
        case .tick:
            state.clock = WidgetDemo.timeText(Date())
            state.samples = Array((state.samples + [(state.samples.last ?? 5) * 7 % 13 + 1]).suffix(40))
            return (state, [.after(.seconds(1), .tick)])
        case .toastExpired(let serial):
            if serial == state.toastSerial { state.toast = nil }
            return (state, [])
        case .queryFinished(let result):
            state.queryStatus = result
            state.progress = 1
            return (state, [])
        case .idle:
            return show(Toast("空闲超时 idle time-out"), in: state)
        case .input(let event):
            return handle(event, in: state)
        }
    }

    private func handle(_ event: InputEvent, in state: State) -> (State, [Effect<Message>]) {
        var state = state
        if case .key(let key) = event { state.lastKey = key.name }
        if case .scan(let text) = event {
            state.lastScan = text
            return (state, [])
        }
        if var dialog = state.dialog {
            if let choice = dialog.handle(event) {
                state.dialog = nil
                return show(Toast(choice == 0 ? "已确认 confirmed" : "已取消 cancelled", kind: choice == 0 ? .success : .error), in: state)
            }
            state.dialog = dialog
            return (state, [])
        }
        switch event {
        case .key(.function(10)), .key(.ctrl("q")), .key(.ctrl("c")):
            return (state, [.quit])
        case .key(.function(let n)) where (1...4).contains(n):
            state.page = n - 1
        case .key(.function(5)):
            return show(Toast("已刷新 refreshed (F5)"), in: state)
        case .key(.function(6)):
            state.dialog = .confirm(title: "确认 Confirm", message: "为该献血者激活优待证？Activate the card for this donor?")
        case .key(.function(7)):
            state.queryStatus = "查询中… querying"
            state.progress = 0.5
            return (state, [.task {
                try? await Task.sleep(for: .seconds(2))
                return .queryFinished("查询完成 done (2 s)")
            }])
        case .key(.tab) where state.page != 0:
            state.page = (state.page + 1) % WidgetDemo.pageNames.count
        case .key(.backTab) where state.page != 0:
            state.page = (state.page + WidgetDemo.pageNames.count - 1) % WidgetDemo.pageNames.count
        default:
            if state.page == 0 {
                state.form.handle(event)
            } else if state.page == 1, case .key(let key) = event {
                state.list.handle(key)
            }
        }
        return (state, [])
    }

    private func show(_ toast: Toast, in state: State) -> (State, [Effect<Message>]) {
        var state = state
        state.toast = toast
        state.toastSerial += 1
        return (state, [.after(.seconds(3), .toastExpired(state.toastSerial))])
    }

    static func timeText(_ date: Date) -> String {
        let parts = Calendar.current.dateComponents([.hour, .minute, .second], from: date)
        return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }

    /// Runs the demo full-screen until F10 or Ctrl-Q; the terminal is restored afterwards.
    public static func run(artDirectory: String = "assets/art") {
        Program.runInTerminal(WidgetDemo(artDirectory: artDirectory))
    }
}
