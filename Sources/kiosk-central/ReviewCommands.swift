import ArgumentParser
import Central
import DonorCore
import Foundation

/// `kiosk-central quarantine list`: rejected events, kept for an operator.
struct QuarantineCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine", abstract: "Rejected events, kept for review.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List quarantined events (personal fields stay sealed).")
        @OptionGroup var options: CentralOptions
        @Option(help: "At most this many.") var limit = 1000
        @Flag(help: "Print JSON.") var json = false

        struct Line: Encodable {
            var eventID, house, device, kind, code, message: String
            var receivedAt: String?
            enum CodingKeys: String, CodingKey {
                case house, device, kind, code, message
                case eventID = "event_id"
                case receivedAt = "received_at"
            }
        }

        func run() async throws {
            try await CLIFailure.reporting {
                try await options.withService { service, _ in
                    let lines = try await service.store.quarantined(limit: max(1, limit)).map {
                        Line(eventID: $0.eventID, house: $0.house, device: $0.device, kind: $0.kind, code: $0.code,
                             message: $0.message, receivedAt: isoTime($0.receivedAt))
                    }
                    if json { return try printJSON(lines) }
                    if lines.isEmpty { print("the quarantine is empty") }
                    for l in lines { print("\(l.eventID)\t\(l.house)\t\(l.kind)\t\(l.code): \(l.message)") }
                }
            }
        }
    }
}

/// `kiosk-central flags list`: conflicts accepted but raised for review.
struct FlagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags", abstract: "Conflicts only the centre can see, raised for review.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List review flags.")
        @OptionGroup var options: CentralOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLIFailure.reporting {
                try await options.withService { service, _ in
                    let flags = try await service.store.flags()
                    if json { return try printJSON(flags) }
                    if flags.isEmpty { print("no flags") }
                    for f in flags { print("#\(f.id)\t\(f.kind)\t\(f.donorKey)\t\(f.message)") }
                }
            }
        }
    }
}

/// `kiosk-central verify PAYLOAD`: checks a card QR payload like `POST /v1/verify`.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check a card QR payload: signature, validity, status.")
    @OptionGroup var options: CentralOptions
    @Argument(help: "The QR payload text.") var payload: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await CLIFailure.reporting {
            let verdict = try await options.withService { service, _ in try await service.verify(payload) }
            if json { try printJSON(verdict) } else { print("\(verdict.status.rawValue): \(verdict.message)") }
            // 1 means "checked, and the answer is no", as for `kiosk` commands.
            if !verdict.valid { throw ExitCode(1) }
        }
    }
}

/// `kiosk-central stats --json`.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Donations, certificates, houses and their last sync.")
    @OptionGroup var options: CentralOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        try await CLIFailure.reporting {
            try await options.withService { service, _ in
                let stats = try await service.stats()
                if json { return try printJSON(stats) }
                print("\(stats.date)  policy \(stats.policy)  events \(stats.events)  donors \(stats.donors)")
                print("donations \(stats.donations.count), \(stats.donations.volumeML) ml")
                for (card, tiers) in stats.certificatesInForce.sorted(by: { $0.key < $1.key }) {
                    print("in force: \(card) " + tiers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
                }
                for h in stats.houses { print("house \(h.id)\t\(h.devices) devices\tlast sync \(h.lastSync ?? "never")") }
            }
        }
    }
}
