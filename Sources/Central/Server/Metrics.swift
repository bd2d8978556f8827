import SyncWire

/// Counters for `/metrics`, written out in the Prometheus text format by hand (swift-prometheus
/// would add a package and its build time for a dozen lines of text).
public actor Metrics {
    private var requests: [String: Int] = [:]
    private var events: [PushResult.Status: Int] = [:]
    private var flags = 0

    public init() {}

    /// One answered HTTP request.
    public func request(method: String, route: String, status: Int) {
        requests["method=\"\(method)\",route=\"\(route)\",status=\"\(status)\"", default: 0] += 1
    }

    /// The answers to one push.
    public func count(_ results: [PushResult]) {
        for result in results {
            events[result.status, default: 0] += 1
            flags += result.flags.count
        }
    }

    /// The text exposition, with the gauges passed in.
    public func exposition(lastSequence: Int64, waitingPulls: Int) -> String {
        var lines = [
            "# HELP kiosk_central_http_requests_total HTTP requests answered.",
            "# TYPE kiosk_central_http_requests_total counter",
        ]
        for (labels, value) in requests.sorted(by: { $0.key < $1.key }) {
            lines.append("kiosk_central_http_requests_total{\(labels)} \(value)")
        }
        lines += ["# HELP kiosk_central_events_total Pushed events by answer.", "# TYPE kiosk_central_events_total counter"]
        for status in [PushResult.Status.accepted, .duplicate, .rejected] {
            lines.append("kiosk_central_events_total{status=\"\(status.rawValue)\"} \(events[status] ?? 0)")
        }
        lines += [
            "# HELP kiosk_central_review_flags_total Conflicts flagged for review.", "# TYPE kiosk_central_review_flags_total counter",
            "kiosk_central_review_flags_total \(flags)",
            "# HELP kiosk_central_sequence The last committed event sequence number.", "# TYPE kiosk_central_sequence gauge",
            "kiosk_central_sequence \(lastSequence)",
            "# HELP kiosk_central_waiting_pulls Long-polling pulls waiting now.", "# TYPE kiosk_central_waiting_pulls gauge",
            "kiosk_central_waiting_pulls \(waitingPulls)",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
