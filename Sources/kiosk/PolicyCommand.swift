import ArgumentParser
import DonorCore

/// `kiosk policy`: work with policy files.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "政策文件 · Policy files.",
        subcommands: [PolicyCheckCommand.self])
}

/// `kiosk policy check FILE`: validates a policy file and the catalogues it names.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "检查政策文件 · Validate a policy file and its catalogues.",
        discussion: "Exits 0 when the file is valid; 1 with one line naming the file, key and line when it is not.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The policy file (e.g. assets/policy/taiyuan.toml).")
    var file: String

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    struct Report: Encodable {
        var valid: Bool
        var file: String
        var policy: String?
        var name: String?
        var scenic_spots: Int?
        var hospitals: Int?
        var tiers: Int?
        var questions: Int?
        var error: ErrorReport?
    }

    struct ErrorReport: Encodable {
        var file: String
        var key: String?
        var line: Int?
        var message: String
    }

    func run() throws {
        let policy: Policy
        do {
            policy = try PolicyLoader.load(path: file)
        } catch {
            if json {
                try printJSON(Report(valid: false, file: file, error: .init(file: error.file, key: error.key, line: error.line, message: error.message)))
            } else {
                print("✗ \(error.description)")
            }
            throw ExitCode.failure
        }
        let report = Report(
            valid: true, file: file, policy: policy.reference, name: policy.name.zh,
            scenic_spots: policy.benefits.scenicSpots.count, hospitals: policy.benefits.hospitals.count,
            tiers: policy.tiers.count, questions: policy.questionnaire.questions.count)
        if json { try printJSON(report); return }
        print("✓ \(file): \(policy.reference) \(policy.name.zh)")
        print("  \(policy.tiers.count) tiers, \(policy.benefits.scenicSpots.count) scenic spots, \(policy.benefits.hospitals.count) hospitals, \(policy.questionnaire.questions.count) questions")
    }
}
