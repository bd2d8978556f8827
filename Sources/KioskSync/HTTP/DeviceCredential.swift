import Foundation
import SyncWire

/// The kiosk's device credential as `kiosk enroll` saves it (`<data>/device-credential.json`,
/// mode 0600): the server, the house, the device id and the bearer token.
public struct DeviceCredential: Codable, Sendable, Hashable {
    public var server: String
    public var house: String
    public var deviceID: String
    /// `DEVICE.SECRET`, sent as `Authorization: Bearer …`. A secret: never log it.
    public var bearer: String

    public init(server: String, house: String, deviceID: String, bearer: String) {
        self.server = server
        self.house = house
        self.deviceID = deviceID
        self.bearer = bearer
    }

    enum CodingKeys: String, CodingKey {
        case server, house, bearer
        case deviceID = "device_id"
    }

    /// Why a credential could not be loaded or saved, in words for the operator.
    public struct LoadError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// `device-credential.json` in the kiosk's data directory.
    public static func path(inDataDirectory directory: String) -> String {
        (directory as NSString).appendingPathComponent("device-credential.json")
    }

    /// Writes the credential owner-only (0600): the file is created with that mode before the
    /// secret goes into it, and synced so an enrolment survives a power cut.
    public func save(to path: String) throws(LoadError) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let data = try WireCoding.encoder().encode(self)
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
                  let handle = FileHandle(forWritingAtPath: path) else {
                throw LoadError(description: "cannot write the credential file \(path)")
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(description: "cannot write the credential file \(path): \(error.localizedDescription)")
        }
    }

    /// Reads the file `kiosk enroll` wrote; a missing or damaged file is a plain error.
    public static func load(from path: String) throws(LoadError) -> DeviceCredential {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(description: "this kiosk is not enrolled (no \(path)); run `kiosk enroll --token …` first")
        }
        let credential: DeviceCredential
        do {
            credential = try WireCoding.decoder().decode(DeviceCredential.self, from: data)
        } catch {
            throw LoadError(description: "the credential file \(path) is damaged; remove it and run `kiosk enroll` again")
        }
        guard URL(string: credential.server)?.scheme.map({ $0 == "http" || $0 == "https" }) == true, !credential.bearer.isEmpty else {
            throw LoadError(description: "the credential file \(path) has no usable server or bearer; remove it and run `kiosk enroll` again")
        }
        return credential
    }
}
