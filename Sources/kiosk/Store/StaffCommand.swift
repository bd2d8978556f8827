import ArgumentParser
import DonorCore
import Foundation
import KioskStore

/// `kiosk staff add|list|unlock`: the staff list of a real house. The demo house makes its own;
/// a real house starts with none, and the IT person setting it up creates the first supervisor
/// here, at the machine, before the screens will open.
struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff",
        abstract: "工作人员 · Add, list and unlock staff accounts.",
        subcommands: [StaffAddCommand.self, StaffListCommand.self, StaffUnlockCommand.self])
}

/// `kiosk staff add --number N --name NAME --role ROLE`, the PIN read from standard input.
struct StaffAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Create a staff account.",
        discussion: """
            The PIN is never an argument (it would stay in the shell's history): at a terminal \
            it is asked twice without echo; otherwise the first line of standard input is the PIN.
            """)

    @OptionGroup var options: StoreOptions

    @Option(help: "The staff number they sign in with.")
    var number: String

    @Option(help: "Their name as the screens show it.")
    var name: String

    @Option(help: "volunteer, nurse or supervisor.")
    var role: String

    func run() throws {
        try CLIFailure.reporting {
            guard let role = StaffAccount.Role(rawValue: role) else {
                throw CLIFailure("--role must be volunteer, nurse or supervisor (not \(role))")
            }
            let number = number.trimmingCharacters(in: .whitespaces)
            let name = name.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw CLIFailure("--name is empty") }
            let pin = try PINInput.read()
            let context = try options.open()
            if pin.count >= context.store.staffPolicy.minimumPINLength, StaffPolicy.isGuessable(pin) {
                throw CLIFailure("the PIN is too easy to guess (one digit repeated, or digits in a row like 123456); choose another")
            }
            try StoreContext.storeCall { () throws(StoreError) in
                try context.store.createStaff(number: number, name: name, role: role, pin: pin, author: "cli")
            }
            if options.json {
                try printJSON(StaffLine(number: number, name: name, role: role.rawValue, locked: false))
            } else {
                print("✓ \(number) \(name) (\(role.rawValue))")
            }
        }
    }
}

/// `kiosk staff list`: number, name, role, and whether the account is locked now.
struct StaffListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the staff accounts.")

    @OptionGroup var options: StoreOptions

    func run() throws {
        try CLIFailure.reporting {
            let context = try options.open()
            let staff = try StoreContext.storeCall { () throws(StoreError) in try context.store.allStaff() }
            let lines = staff.map { StaffLine(number: $0.number, name: $0.name, role: $0.role.rawValue, locked: $0.lockedUntil != nil) }
            if options.json {
                try printJSON(lines)
            } else {
                for line in lines { print("\(line.number)\t\(line.name)\t\(line.role)\(line.locked ? "\tlocked" : "")") }
            }
        }
    }
}

/// `kiosk staff unlock N`: ends a lock-out after too many wrong PINs (audited).
struct StaffUnlockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unlock a locked staff account.")

    @OptionGroup var options: StoreOptions

    @Argument(help: "The staff number.")
    var number: String

    func run() throws {
        try CLIFailure.reporting {
            let context = try options.open()
            try StoreContext.storeCall { () throws(StoreError) in try context.store.unlockStaff(number: number, author: "cli") }
            print("✓ \(number)")
        }
    }
}

/// One staff account as `kiosk staff` prints it (never the PIN or its hash).
struct StaffLine: Encodable {
    var number: String
    var name: String
    var role: String
    var locked: Bool
}

/// Reads a new PIN: twice without echo at a terminal, else one line of standard input.
enum PINInput {
    static func read() throws -> String {
        if isatty(STDIN_FILENO) == 1 {
            let first = prompt("PIN: ")
            guard first == prompt("PIN again: ") else { throw CLIFailure("the two PINs differ; nothing was saved") }
            return first
        }
        guard let line = Swift.readLine() else { throw CLIFailure("no PIN on standard input; nothing was saved") }
        return line.trimmingCharacters(in: .whitespaces)
    }

    private static func prompt(_ text: String) -> String {
        guard let raw = getpass(text) else { return "" }
        return String(cString: raw)
    }
}
