import ArgumentParser
import DonorCore
import Foundation
import KioskStore

/// `kiosk status [--json]`: where the sync with the centre stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "同步状态 · Sync status: events waiting, refused or flagged by the centre, position, last push and pull, last error.",
        discussion: "Reads the store only; exits 0 whenever the store opens, 2 when a file or value is wrong.")

    @OptionGroup var options: StoreOptions

    func run() throws {
        try CLIFailure.reporting {
            let context = try options.open()
            let store = context.store
            let summary = try StoreContext.storeCall { () throws(StoreError) in try store.syncSummary() }
            let report = StatusReport(house: context.configuration.houseID, device: store.deviceID, summary: summary)
            if options.json {
                try printJSON(report)
            } else {
                let zone = TimeZone(identifier: context.policy.timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!
                print(report.lines(context.strings, timeZone: zone).joined(separator: "\n"))
            }
        }
    }
}

/// The JSON shape of `kiosk status` (field names documented in the README). Absent values are
/// written as `null`, so a reader always finds every key.
struct StatusReport: Encodable {
    var house: String
    var device: String
    var summary: SyncSummary

    enum CodingKeys: String, CodingKey {
        case house, device, online, pending, rejected, quarantined, flagged, cursor, bootstrapping
        case snapshotApplied = "snapshot_applied"
        case lastPush = "last_push"
        case lastPull = "last_pull"
        case lastError = "last_error"
        case lastErrorAt = "last_error_at"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(house, forKey: .house)
        try c.encode(device, forKey: .device)
        try c.encode(online, forKey: .online)
        try c.encode(summary.pending, forKey: .pending)
        try c.encode(summary.rejected, forKey: .rejected)
        // The name for the same count: events the centre refused keeps in its quarantine.
        try c.encode(summary.rejected, forKey: .quarantined)
        try c.encode(summary.flagged, forKey: .flagged)
        try c.encode(summary.mark.cursor, forKey: .cursor)
        try c.encode(summary.mark.isBootstrapping, forKey: .bootstrapping)
        try c.encode(summary.mark.isBootstrapping ? summary.mark.snapshotApplied : nil, forKey: .snapshotApplied)
        try c.encode(summary.lastPushMilliseconds.map(Self.iso), forKey: .lastPush)
        try c.encode(summary.lastPullMilliseconds.map(Self.iso), forKey: .lastPull)
        try c.encode(summary.lastError, forKey: .lastError)
        try c.encode(summary.lastErrorMilliseconds.map(Self.iso), forKey: .lastErrorAt)
    }

    /// Whether the last contact with the centre succeeded: a push or pull recorded after the
    /// last error. (The command itself does not call the centre; `kiosk sync --once` does.)
    var online: Bool {
        guard let contact = [summary.lastPushMilliseconds, summary.lastPullMilliseconds].compactMap({ $0 }).max() else { return false }
        return summary.lastErrorMilliseconds.map { contact > $0 } ?? true
    }

    /// ISO 8601 in UTC with milliseconds: `2026-05-01T02:03:04.005Z`.
    static func iso(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// The plain-text form, in the house's language and time zone.
    func lines(_ strings: UIStrings, timeZone: TimeZone) -> [String] {
        func local(_ milliseconds: Int64?) -> String {
            guard let milliseconds else { return strings("status.never") }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = timeZone
            formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
            return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        var lines = [
            strings("status.title", ["house": house, "device": device]),
            strings(online ? "status.online" : "status.offline"),
            strings("status.pending", ["n": String(summary.pending)]),
            strings("status.rejected", ["n": String(summary.rejected)]),
            strings("status.flagged", ["n": String(summary.flagged)]),
        ]
        if summary.mark.isBootstrapping {
            lines.append(strings("status.bootstrapping", ["n": String(summary.mark.snapshotApplied)]))
        } else if let cursor = summary.mark.cursor {
            lines.append(strings("status.cursor", ["cursor": cursor]))
        } else {
            lines.append(strings("status.cursor_none"))
        }
        lines.append(strings("status.last_push", ["time": local(summary.lastPushMilliseconds)]))
        lines.append(strings("status.last_pull", ["time": local(summary.lastPullMilliseconds)]))
        if let error = summary.lastError {
            lines.append(strings("status.last_error", ["time": local(summary.lastErrorMilliseconds), "message": error]))
        }
        return lines
    }
}
