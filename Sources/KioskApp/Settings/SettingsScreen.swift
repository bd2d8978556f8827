import DonorCore
import TerminalUI

/// Settings (supervisor, F7 from home): this kiosk's configuration as kiosk.conf sets it, and
/// the staff list, where a supervisor adds an account (F2) or unlocks one (F3).
public struct SettingsScreen: Sendable {
    public var house: HouseSettings?
    public var staff: [StaffMember]
    public var list: ScrollState
    /// The add-staff form while it is open.
    public var adding: StaffForm?
    /// Events the centre refused or flagged (F4 lists them); nil until read.
    public var syncProblems: Int?

    public init(house: HouseSettings? = nil, staff: [StaffMember] = []) {
        self.house = house
        self.staff = staff
        list = ScrollState(count: staff.count, visibleRows: 8)
    }

    /// Fresh data from the services; the selection stays where it was when it still exists.
    public mutating func loaded(house: HouseSettings, staff: [StaffMember]) {
        self.house = house
        self.staff = staff
        list = ScrollState(count: staff.count, visibleRows: 8, selected: min(list.selected, max(0, staff.count - 1)))
    }

    var selected: StaffMember? { staff.indices.contains(list.selected) ? staff[list.selected] : nil }

    /// Applies a key and says what the app should do next.
    public mutating func handle(_ event: InputEvent, _ context: ScreenContext) -> Intent {
        if var form = adding {
            switch form.handle(event) {
            case .editing: adding = form
            case .cancelled: adding = nil
            case .refused(let key):
                adding = form
                return .toast(context(key), .error)
            case .save(let member):
                adding = form
                return .addStaff(member)
            }
            return .none
        }
        switch event {
        case .key(.escape): return .home
        case .key(.function(2)):
            adding = StaffForm()
            return .none
        case .key(.function(3)):
            guard let member = selected, member.locked else { return .toast(context("settings.not_locked"), .info) }
            return .unlockStaff(number: member.number)
        case .key(.function(4)):
            return .openSyncProblems
        case .key(let key):
            list.handle(key)
            return .none
        default:
            return .none
        }
    }

    /// The keys this screen offers now, for the status bar.
    public func hints(_ context: ScreenContext) -> [Hint] {
        if adding != nil {
            return [("Enter", "hint.next_field"), ("F6", "hint.role"), ("Esc", "hint.cancel")]
        }
        return [("F2", "hint.add_staff"), ("F3", "hint.unlock"), ("F4", "hint.sync_problems"), ("Esc", "hint.back"), ("F12", "hint.language")]
    }

    /// Draws the screen into `area`: the configuration on the left, staff on the right.
    public func view(in area: Rect, into buffer: inout Buffer, _ context: ScreenContext) {
        let columns = Layout.columns(area, [.fixed(min(44, area.width / 2)), .min(30)], spacing: 1)
        let houseBlock = Block(title: context("settings.house"))
        houseBlock.render(in: columns[0], into: &buffer)
        let left = houseBlock.inner(columns[0]).inset(horizontal: 1, vertical: 0)
        var y = left.y
        func line(_ text: String, _ style: Style = Theme.normal) {
            for wrapped in Paragraph.wrap(text, width: left.width) where y < left.bottom {
                buffer.write(wrapped, x: left.x, y: y, style: style, maxWidth: left.width)
                y += 1
            }
        }
        if let house {
            line("\(house.houseName) (\(house.houseID))", Theme.title)
            line(context("settings.policy", ["policy": house.policy]))
            line(house.server.map { context("settings.server", ["url": $0]) } ?? context("settings.offline_only"))
            line(context(house.enrolled ? "settings.enrolled" : "settings.not_enrolled"), house.enrolled ? Theme.success : Theme.muted)
            if let syncProblems {
                line(context("problems.count", ["n": "\(syncProblems)"]), syncProblems > 0 ? Theme.error : Theme.normal)
            }
            line(context("settings.idle", ["staff": "\(house.staffIdleSeconds)", "donor": "\(house.selfServiceIdleSeconds)"]))
            line(context("settings.data", ["path": house.dataDirectory]), Theme.muted)
            y += 1
            line(context("settings.edit_file", ["file": house.configurationFile ?? "kiosk.conf"]), Theme.muted)
        }
        let staffBlock = Block(title: context("settings.staff", ["n": "\(staff.count)"]))
        staffBlock.render(in: columns[1], into: &buffer)
        let right = staffBlock.inner(columns[1])
        if let adding {
            adding.view(in: right.inset(horizontal: 1, vertical: 0), into: &buffer, context)
            return
        }
        var state = list
        state.visibleRows = max(1, right.height - 1)
        let rows = staff.map { member in
            [member.number, member.name, context("role.\(member.role.rawValue)"), member.locked ? context("settings.locked") : ""]
        }
        let headers = [context("settings.col.number"), context("settings.col.name"), context("settings.col.role"), ""]
        Table(headers: headers, rows: rows,
              widths: [.fixed(8), .min(6), Table.fit(2, headers: headers, rows: rows, max: 12), Table.fit(3, headers: headers, rows: rows, max: 10)],
              state: state).render(in: right, into: &buffer)
    }
}
