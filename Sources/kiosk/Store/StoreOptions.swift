import ArgumentParser
import DonorCore
import Foundation
import KioskStore

/// What every store-backed command takes: `--config FILE` and `--json`.
struct StoreOptions: ParsableArguments {
    @OptionGroup var config: ConfigOptions

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    /// The configuration, its policy and texts, and the store at its data directory, opened.
    func open() throws -> StoreContext {
        let configuration = try config.load()
        let policy: Policy, strings: UIStrings
        do {
            policy = try configuration.loadPolicy()
            strings = try configuration.loadStrings()
        } catch {
            throw CLIFailure(String(describing: error))
        }
        let store = try StoreContext.storeCall { () throws(StoreError) in
            try KioskStore.open(configuration: configuration)
        }
        return StoreContext(configuration: configuration, policy: policy, strings: strings,
                            text: DecisionText(strings: strings, policy: policy), store: store)
    }
}

/// An opened store with the configuration it came from.
struct StoreContext {
    let configuration: KioskConfiguration
    let policy: Policy
    let strings: UIStrings
    let text: DecisionText
    let store: KioskStore

    /// Runs a store call, turning a `StoreError` into a one-line failure (exit 2). Store
    /// messages never carry ID or phone numbers, so they are safe to print.
    static func storeCall<T>(_ body: () throws(StoreError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw CLIFailure(error.message)
        }
    }

    /// The donor with this document number, or a message on stderr and exit 1: "no such
    /// donor" is an answer, not a mistake. The number itself is never repeated.
    func donor(idNumber: String) throws -> StoredDonor {
        guard let donor = try Self.storeCall({ () throws(StoreError) in try store.donor(idNumber: idNumber) }) else {
            FileHandle.standardError.write(Data(("kiosk: " + strings("store.no_donor") + "\n").utf8))
            throw ExitCode.failure
        }
        return donor
    }
}
