import ArgumentParser
import Central
import DonorCore
import Foundation

/// `kiosk-central deferral add|import`: lab deferrals, published to every house.
struct DeferralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deferral", abstract: "Lab deferrals, published to every house.", subcommands: [Add.self, Import.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Defer one donor.")
        @OptionGroup var options: CentralOptions
        @Option(name: .customLong("id-number"), help: "The donor's ID number.") var idNumber: String
        @Option(help: "The policy's deferral rule id.") var rule: String
        @Option(help: "First day (YYYY-MM-DD, default today).") var from: String?
        @Option(help: "The day the donor may give again (YYYY-MM-DD); without it, permanent.") var until: String?

        func run() async throws {
            try await CLIFailure.reporting {
                let start = try from.map { text in
                    guard let date = LocalDate(iso: text) else { throw CLIFailure("--from expects a date YYYY-MM-DD, got '\(text)'") }
                    return date
                }
                let end = try until.map { text in
                    guard let date = LocalDate(iso: text) else { throw CLIFailure("--until expects a date YYYY-MM-DD, got '\(text)'") }
                    return date
                }
                try await options.withService { service, _ in
                    let published = try await service.addLabDeferral(.init(idNumber: idNumber, rule: rule, from: start ?? service.today, until: end))
                    print("published deferral \(published.id) (sequence \(published.seq))")
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import lab deferrals from CSV (header id_number,rule,from,until); a bad line publishes nothing.")
        @OptionGroup var options: CentralOptions
        @Argument(help: "The CSV file.") var file: String

        func run() async throws {
            try await CLIFailure.reporting {
                guard let data = FileManager.default.contents(atPath: file) else { throw CLIFailure("cannot read \(file)") }
                try await options.withService { service, _ in
                    let result = try await service.importLabDeferrals(csv: String(decoding: data, as: UTF8.self))
                    guard result.problems.isEmpty else {
                        throw CLIFailure("\(file): nothing imported\n" + result.problems.map { "  \($0)" }.joined(separator: "\n"))
                    }
                    print("published \(result.published) deferrals")
                }
            }
        }
    }
}
