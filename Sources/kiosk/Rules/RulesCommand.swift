import ArgumentParser
import DonorCore

/// `kiosk rules`: evaluates the rules on a donor described in a JSON file, with no database,
/// so a blood centre can try a policy change before it reaches the houses.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "用政策规则评估一位献血者 · Evaluate the rules on a donor file.",
        subcommands: [RulesEligibilityCommand.self, RulesCardCommand.self])
}

/// What both `rules` subcommands take.
struct RulesOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Argument(help: "The donor file (JSON; see the README and docs/examples/donor.json).")
    var donorFile: String

    @Option(name: .long, help: ArgumentHelp("The policy file (default: the one in the configuration).", valueName: "FILE"))
    var policy: String?

    @Option(name: .long, help: ArgumentHelp("The date to evaluate on (default: today in the policy's time zone).", valueName: "YYYY-MM-DD"))
    var on: String?

    @Option(name: .long, help: "Language of the text: zh-Hans or en (default: the configuration's).")
    var lang: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    /// Everything a rules command needs, loaded and checked.
    func load() throws -> (policy: Policy, text: DecisionText, donor: RulesDonorFile, date: LocalDate) {
        let configuration = try config.load()
        do {
            let policy = try self.policy.map { (path: String) throws(PolicyError) in try PolicyLoader.load(path: path) } ?? configuration.loadPolicy()
            let strings = try configuration.loadStrings(lang)
            let donor = try RulesDonorFile.load(donorFile)
            let date = try resolveDate(on, timeZone: policy.timeZone)
            return (policy, DecisionText(strings: strings, policy: policy), donor, date)
        } catch let error as PolicyError {
            throw CLIFailure(error.description)
        }
    }
}
