import ArgumentParser
import Central
import Foundation

/// `kiosk-central house add|list`.
struct HouseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "house", abstract: "Add and list donation houses.", subcommands: [Add.self, List.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a house.")
        @OptionGroup var options: CentralOptions
        @Option(help: "The house id (letters, digits, '-', '_').") var id: String
        @Option(help: "The house's name.") var name: String
        @Option(help: "The city (policy region) whose donors it receives (default: the policy's).") var city: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLIFailure.reporting {
                try await options.withService { service, _ in
                    let house = try await service.addHouse(id: id, name: name, city: city)
                    if json { try printJSON(house) } else { print("added house \(house.id) (\(house.name)) in \(house.city)") }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the houses and their last sync.")
        @OptionGroup var options: CentralOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLIFailure.reporting {
                try await options.withService { service, _ in
                    let houses = try await service.store.houses()
                    if json { return try printJSON(houses) }
                    for h in houses { print("\(h.id)\t\(h.name)\t\(h.city)\tlast sync \(isoTime(h.lastSyncAt) ?? "never")") }
                }
            }
        }
    }
}

/// `kiosk-central enroll-token --house H`: prints a one-time, expiring enrolment token.
struct EnrollTokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enroll-token", abstract: "Make a one-time enrolment token for a house.")
    @OptionGroup var options: CentralOptions
    @Option(help: "The house the kiosk will belong to.") var house: String
    @Option(help: "Hours until the token expires.") var hours: Int = 24
    @Flag(help: "Print JSON.") var json = false

    struct Report: Encodable {
        var token: String
        var house: String
        var expiresAt: String
        enum CodingKeys: String, CodingKey {
            case token, house
            case expiresAt = "expires_at"
        }
    }

    func run() async throws {
        try await CLIFailure.reporting {
            guard (1...720).contains(hours) else { throw CLIFailure("--hours must be from 1 to 720 (got \(hours))") }
            try await options.withService { service, _ in
                let (token, expires) = try await service.issueEnrollToken(house: house, hours: hours)
                if json { return try printJSON(Report(token: token, house: house, expiresAt: isoTime(expires) ?? "")) }
                print(token)
                FileHandle.standardError.write(Data("kiosk-central: valid once, until \(isoTime(expires) ?? "")\n".utf8))
            }
        }
    }
}

/// `kiosk-central device list|revoke`.
struct DeviceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "device", abstract: "List and revoke enrolled kiosks.", subcommands: [List.self, Revoke.self])

    struct Line: Encodable {
        var id: String
        var house: String
        var name: String
        var revokedAt: String?
        /// Whether the kiosk sent its card-signing key, so its QR codes can be verified.
        var signsCards: Bool
        enum CodingKeys: String, CodingKey {
            case id, house, name
            case revokedAt = "revoked_at"
            case signsCards = "signs_cards"
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List devices.")
        @OptionGroup var options: CentralOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            try await CLIFailure.reporting {
                try await options.withService { service, _ in
                    let lines = try await service.store.devices().map { Line(id: $0.id, house: $0.house, name: $0.name, revokedAt: isoTime($0.revokedAt), signsCards: $0.signingKey != nil) }
                    if json { return try printJSON(lines) }
                    for l in lines { print("\(l.id)\t\(l.house)\t\(l.name)\t\(l.revokedAt.map { "revoked \($0)" } ?? "active")") }
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a device: its credential stops working at once.")
        @OptionGroup var options: CentralOptions
        @Argument(help: "The device id.") var id: String

        func run() async throws {
            try await CLIFailure.reporting {
                try await options.withService { service, _ in
                    guard try await service.store.revokeDevice(id: id, at: service.now) else { throw CLIFailure("there is no device \(id)") }
                    print("revoked \(id)")
                }
            }
        }
    }
}
