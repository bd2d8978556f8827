import Prometheus
import SyncWire

/// The centre's metrics for `/metrics`, in a swift-prometheus registry (Prometheus text
/// exposition format). Safe to use from any task: the registry and its collectors lock.
public final class Metrics: Sendable {
    private let registry = PrometheusCollectorRegistry()
    private let events: [PushResult.Status: Counter]
    private let flags: Counter
    private let sequence: Gauge
    private let waitingPulls: Gauge

    /// Made per request (the descriptor is not Sendable); the registry returns the same counter
    /// for the same labels.
    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(namespace: "kiosk", subsystem: "central", metricName: "http_requests", unitName: "total",
                             helpText: "HTTP requests answered.")
    }

    public init() {
        let pushed = MetricNameDescriptor(namespace: "kiosk", subsystem: "central", metricName: "events", unitName: "total",
                                          helpText: "Pushed events by answer.")
        var events: [PushResult.Status: Counter] = [:]
        for status in [PushResult.Status.accepted, .duplicate, .rejected] {
            events[status] = registry.makeCounter(descriptor: pushed, labels: [("status", status.rawValue)])
        }
        self.events = events
        flags = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "kiosk", subsystem: "central", metricName: "review_flags", unitName: "total",
            helpText: "Conflicts flagged for review."))
        sequence = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "kiosk", subsystem: "central", metricName: "sequence", unitName: "",
            helpText: "The last committed event sequence number."))
        waitingPulls = registry.makeGauge(descriptor: MetricNameDescriptor(
            namespace: "kiosk", subsystem: "central", metricName: "waiting_pulls", unitName: "",
            helpText: "Long-polling pulls waiting now."))
    }

    /// One answered HTTP request. `route` is the matched pattern, so label values stay bounded.
    public func request(method: String, route: String, status: Int) {
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", String(status))])
            .increment()
    }

    /// The answers to one push.
    public func count(_ results: [PushResult]) {
        for result in results {
            events[result.status]?.increment()
            if !result.flags.isEmpty { flags.increment(by: Int64(result.flags.count)) }
        }
    }

    /// The text exposition, with the gauges read now.
    public func exposition(lastSequence: Int64, waitingPulls: Int) -> String {
        sequence.set(lastSequence)
        self.waitingPulls.set(Int64(waitingPulls))
        return registry.emitToString()
    }
}
