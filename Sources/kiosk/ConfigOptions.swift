import ArgumentParser
import DonorCore
import Foundation

/// `--config FILE`, taken by every `kiosk` command.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The kiosk's configuration file (default ./kiosk.conf, then /etc/kiosk/kiosk.conf; without either, the demo house).",
        valueName: "FILE"))
    var config: String?

    /// The configuration, or a one-line error naming the key and line and exit status 2.
    func load() throws -> KioskConfiguration {
        do {
            return try KioskConfiguration.resolve(explicit: config)
        } catch {
            throw CLIFailure(error.description)
        }
    }
}

/// A failure the user must fix (a bad file, a bad value): printed as one line on standard error
/// and exit status 2, distinct from 1, which means "checked, and the answer is no".
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

extension CLIFailure {
    /// Runs `body`, turning a `CLIFailure` into its message on stderr and exit status 2.
    static func reporting(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data(("kiosk: " + failure.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

extension CLIFailure {
    /// `reporting` for async work.
    static func reportingAsync(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CLIFailure {
            FileHandle.standardError.write(Data(("kiosk: " + failure.description + "\n").utf8))
            throw ExitCode(2)
        }
    }
}

/// Prints an `Encodable` report as JSON with stable key order.
func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// Parses `--on`, defaulting to today's date in the policy's time zone (never UTC).
func resolveDate(_ text: String?, timeZone: String) throws -> LocalDate {
    if let text {
        guard let date = LocalDate(iso: text) else { throw CLIFailure("--on expects an existing date as YYYY-MM-DD, got '\(text)'") }
        return date
    }
    return LocalDate(Date(), in: TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")!)
}
