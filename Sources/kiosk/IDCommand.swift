import ArgumentParser
import DonorCore
import Foundation

/// `kiosk id NUMBER`: checks an identity document number the way the check-in screen does,
/// for volunteers who want to know why a card is refused and for scripts (`--json`).
///
/// Privacy (PIPL): the full normalised number is printed only because the person typed it on
/// their own terminal and sees it anyway; the kiosk's screens and logs show `masked` instead.
struct IDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "检查证件号码 · Check an identity document number.",
        discussion: """
            Exits 0 when the number is valid and 1 when it is not, with the reason.
            Without --type the number is read as a resident ID (18 or 15 digits), \
            a Hong Kong/Macau/Taiwan residence permit or a foreigner's permanent residence ID.
            """
    )

    /// Free-text document kinds selectable with `--type`.
    enum DocumentTypeOption: String, ExpressibleByArgument, CaseIterable {
        case passport, other

        var freeTextType: FreeTextDocumentType {
            switch self {
            case .passport: return .passport
            case .other: return .other
            }
        }
    }

    /// Message languages selectable with `--lang`.
    enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
        case zh, en

        var language: MessageLanguage {
            switch self {
            case .zh: return .zhHans
            case .en: return .en
            }
        }
    }

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The number as printed on the document; spaces, hyphens and full-width digits are fine.")
    var number: String

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Option(name: .long, help: "A document without checksum: passport or other.")
    var type: DocumentTypeOption?

    @Option(name: .long, help: ArgumentHelp(
        "Check as of this date; default today in Asia/Shanghai.", valueName: "YYYY-MM-DD"))
    var on: String?

    @Option(name: .long, help: "Language of the text and messages: zh or en.")
    var lang: LanguageOption = .zh

    func validate() throws {
        if let on, LocalDate(iso: on) == nil {
            throw ValidationError("--on expects an existing date as YYYY-MM-DD, got '\(on)'.")
        }
    }

    func run() throws {
        // The check needs no configuration; a --config given is still read, so a broken file
        // is reported here as everywhere else.
        if options.config != nil { try CLIFailure.reporting { _ = try options.load() } }
        let result: Result<IdentityDocument, IdentityRejection>
        if let type {
            result = IdentityParser.parseDocument(number, type: type.freeTextType)
        } else {
            result = IdentityParser.parseResidentID(number, today: today)
        }
        let report = IDReport(result: result, language: lang.language)
        print(json ? try report.json() : report.text())
        if case .failure = result { throw ExitCode.failure }
    }

    /// `--on`, or the house's calendar date: dates in the domain are Asia/Shanghai days, never UTC.
    private var today: LocalDate {
        if let on, let date = LocalDate(iso: on) { return date }
        let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600) ?? .current
        return LocalDate(Date(), in: zone)
    }
}
