import ArgumentParser
import DonorCore

/// The blood centre's server and its admin subcommands.
@main
struct CentralCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk-central",
        abstract: "血液中心服务器 · Central server for the donation houses.",
        version: DonorCoreInfo.version,
        subcommands: [
            ServeCommand.self, MigrateCommand.self, HouseCommand.self, EnrollTokenCommand.self, DeviceCommand.self,
            QuarantineCommand.self, FlagsCommand.self, DeferralCommand.self, VerifyCommand.self, StatsCommand.self,
            SeedCommand.self,
        ]
    )
}
