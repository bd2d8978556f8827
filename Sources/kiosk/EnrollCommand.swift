import ArgumentParser
import AsyncHTTPClient
import DonorCore
import KioskApp
import KioskSync
import Foundation
import SyncWire

/// `kiosk enroll --server URL --token T`: trades the one-time token the blood centre printed
/// (`kiosk-central enroll-token`) for this kiosk's device credential, kept on the kiosk with
/// mode 0600 beside its data.
struct EnrollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enroll",
        abstract: "向血液中心登记本终端 · Enrol this kiosk with the central server.",
        discussion: """
            A new kiosk (no database yet) then downloads the centre's seed file, the city's registry in \
            one file, so it is ready in minutes instead of hours (`--no-seed` to skip; `kiosk seed` to \
            resume a cut download). Exits 0 when enrolled, 1 when the server refused (an expired or used \
            token), 2 when a value or the network is wrong.
            """)

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: ArgumentHelp("The central server's address (default: [server] url in the configuration).", valueName: "URL"))
    var server: String?

    @Option(name: .long, help: "The one-time token from `kiosk-central enroll-token`.")
    var token: String

    @Option(name: .long, help: "A name for the centre's device list (default: the house name).")
    var name: String?

    @Flag(name: .long, help: "Print one JSON object instead of text.")
    var json = false

    @Flag(name: .long, help: "Do not download the centre's seed file; the first sync downloads the city page by page.")
    var noSeed = false

    func run() async throws {
        var refused = false
        try await CLIFailure.reportingAsync {
            let configuration = try options.load()
            guard let base = (server ?? configuration.serverURL).flatMap(URL.init(string:)), base.scheme == "http" || base.scheme == "https" else {
                throw CLIFailure("no server: give --server https://… or set [server] url in the configuration")
            }
            let credentialPath = DeviceCredential.path(in: configuration)
            if FileManager.default.fileExists(atPath: credentialPath) {
                throw CLIFailure("this kiosk is already enrolled (\(credentialPath)); remove that file to enrol it again")
            }
            // The centre keeps the public half of the kiosk's card-signing key so gates can verify
            // the QR codes this kiosk signs; the key is made now if the screens have not yet.
            let signer: Ed25519CardSigner
            do {
                signer = try Ed25519CardSigner.loadOrCreate(besideKeyFile: configuration.keyFile)
            } catch {
                throw CLIFailure("\(error)")
            }
            let request = EnrollRequest(token: token, deviceName: name ?? configuration.houseName,
                                        signingKey: CardQR.base64url(signer.publicKey))
            let client: HTTPClient
            do { client = try CentreHTTP.client(trusting: configuration.serverCAFile, proxy: configuration.serverProxy) } catch { throw CLIFailure("\(error)") }
            let answer = try await post(request, to: base.appendingPathComponent("v1/enroll"), client: client)
            switch answer {
            case .refused(let detail):
                refused = true
                print(json ? try SeedStep.jsonLine(["enrolled": false, "code": detail.code, "message": detail.message])
                           : "✗ \(detail.message) (\(detail.code))")
            case .enrolled(let response):
                guard response.house == configuration.houseID else {
                    throw CLIFailure("the token is for house \"\(response.house)\" but the configuration says \"\(configuration.houseID)\"; fix [house] id and ask for a new token")
                }
                let credential = DeviceCredential(server: base.absoluteString, house: response.house, deviceID: response.deviceID, bearer: response.bearer)
                do { try credential.save(to: credentialPath) } catch { throw CLIFailure("\(error)") }
                var fields: [String: Any] = ["enrolled": true, "house": response.house, "device_id": response.deviceID, "credential": credentialPath]
                if !json { print("✓ enrolled as \(response.deviceID) for house \(response.house); credential in \(credentialPath)") }
                if !noSeed {
                    let seed: SeedStep.Line
                    do {
                        seed = try await SeedStep.run(configuration, base: base, bearer: response.bearer, client: client, json: json)
                    } catch let failure as CLIFailure {
                        throw CLIFailure("enrolled, but \(failure.description); run `kiosk seed` to try again")
                    }
                    if !json { print(seed.text) }
                    fields.merge(seed.fields.mapKeys { "seed" == $0 ? $0 : "seed_\($0)" }) { a, _ in a }
                }
                if json { print(try SeedStep.jsonLine(fields)) }
            }
        }
        if refused { throw ExitCode.failure }
    }

    enum Answer {
        case enrolled(EnrollResponse)
        case refused(WireErrorDetail)
    }

    private func post(_ request: EnrollRequest, to url: URL, client: HTTPClient) async throws -> Answer {
        let answer: CentreHTTP.Answer
        do {
            answer = try await CentreHTTP.exchange(url, bearer: nil, body: try WireCoding.encoder().encode(request), timeoutSeconds: 30,
                                                client: client)
        } catch let error as CentreHTTP.NoAnswer {
            throw CLIFailure("cannot reach \(error.reason)")
        }
        if (200..<300).contains(answer.status), let enrolled = try? WireCoding.read(EnrollResponse.self, from: answer.body) {
            return .enrolled(enrolled)
        }
        if let body = try? WireCoding.read(WireErrorBody.self, from: answer.body) { return .refused(body.error) }
        throw CLIFailure("the server answered \(answer.status) without an explanation; is \(url.absoluteString) a kiosk-central server?")
    }
}

extension DeviceCredential {
    /// `device-credential.json` in the kiosk's data directory.
    static func path(in configuration: KioskConfiguration) -> String {
        path(inDataDirectory: configuration.dataDirectory)
    }
}

extension Dictionary {
    /// The same values under new keys.
    func mapKeys<K: Hashable>(_ transform: (Key) -> K) -> [K: Value] {
        Dictionary<K, Value>(map { (transform($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }
}
