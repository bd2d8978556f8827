import Foundation

// `kiosk-bench SCENARIO [--json] [scenario options]`: runs one benchmark scenario and prints
// its figures beside the baseline measured in the same run. Build in release:
// `swift run -c release kiosk-bench store --donors 100000`.
let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, !name.hasPrefix("-") else {
    print(ScenarioRegistry.usage)
    exit(arguments.contains("--help") || arguments.contains("-h") ? 0 : 2)
}
guard let scenario = ScenarioRegistry.scenario(named: name) else {
    FileHandle.standardError.write(Data("kiosk-bench: unknown scenario '\(name)'\n\n\(ScenarioRegistry.usage)\n".utf8))
    exit(2)
}
do {
    let options = BenchArguments(Array(arguments.dropFirst()))
    if options.flag("--help") {
        print("kiosk-bench \(scenario.name) [--json] \(scenario.usage)\n\n\(scenario.summary)")
        exit(0)
    }
    var report = try scenario.run(options)
    report.command = (["kiosk-bench"] + arguments).joined(separator: " ")
    if options.flag("--json") { print(try report.json()) } else { print(report.table()) }
    exit(report.allTargetsMet ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("kiosk-bench: \(error)\n".utf8))
    exit(2)
}
