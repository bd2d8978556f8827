import ArgumentParser
import DonorCore

/// The kiosk's command line: `kiosk` alone opens the terminal UI; subcommands serve the
/// people who run a house.
@main
struct KioskCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "献血屋终端 · Blood donation house kiosk.",
        version: DonorCoreInfo.version,
        subcommands: [
            RunCommand.self, IDCommand.self, PolicyCommand.self, RulesCommand.self, DemoCommand.self, ImportCommand.self,
            DonorCommand.self, EligibilityCommand.self, BackupCommand.self, StaffCommand.self, StatusCommand.self, SyncCommand.self,
            EnrollCommand.self, SeedCommand.self, UIDemoCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
