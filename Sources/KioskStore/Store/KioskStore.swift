import Crypto
import DonorCore
import Foundation
import GRDB
import SyncWire
import Synchronization

/// The kiosk's local store: the city's donors, every fact recorded at the house as an
/// append-only event, the outbox for sync, staff accounts and the audit trail, on one SQLite
/// file (WAL) with ID numbers, phones, answers and vitals encrypted.
///
/// All methods are synchronous and thread-safe: reads run concurrently, writes one at a time,
/// each write is one transaction (its rows, its event, its outbox entry and its audit line
/// commit together or not at all).
public final class KioskStore: Sendable {
    /// The database file's name inside the data directory.
    public static let databaseFileName = "kiosk.sqlite"

    let writer: any DatabaseWriter
    let cipher: FieldCipher
    let clock: WallClock
    /// The lock-out and PIN-hashing settings.
    public let staffPolicy: StaffPolicy
    /// This kiosk's id, made on first open and kept in the database (used in HLC times and events).
    public let deviceID: String
    /// The label the store was opened with: the house id (`open(configuration:)` passes it),
    /// which the sync sends as each event's `house`.
    public let deviceName: String
    /// The database file, or nil for an in-memory store.
    public let databasePath: String?
    /// Called after each commit that added events to the outbox (`onOutboxAppend`).
    let outboxObservers = Mutex<[@Sendable () -> Void]>([])

    init(writer: any DatabaseWriter, masterKey: SymmetricKey, deviceName: String, clock: WallClock,
         staffPolicy: StaffPolicy, path: String?) throws(StoreError) {
        self.writer = writer
        self.cipher = FieldCipher(masterKey: masterKey)
        self.clock = clock
        self.staffPolicy = staffPolicy
        self.databasePath = path
        self.deviceName = deviceName
        do {
            try StoreSchema.migrator.migrate(writer)
        } catch {
            throw StoreError.from(error)
        }
        let check = cipher.keyCheck.hexString
        let device: String = try Self.perform(writer) { db in
            try SyncState.set("device_name", deviceName, in: db)
            if let stored = try SyncState.get("key_check", in: db) {
                guard stored == check else {
                    throw StoreError(.wrongKey, "the key file does not belong to this database; use the key file it was made with")
                }
            } else {
                try SyncState.set("key_check", check, in: db)
            }
            if let id = try SyncState.get("device_id", in: db) { return id }
            let id = UUID().uuidString.lowercased()
            try SyncState.set("device_id", id, in: db)
            return id
        }
        self.deviceID = device
    }

    /// Opens (creating on first run) the store in `directory`, with the master key at `keyFile`
    /// (created with mode 0600 when missing).
    ///
    /// - Parameters:
    ///   - deviceName: a label for this kiosk (the house id), kept with the device id.
    ///   - clock: the wall clock; tests inject one.
    public static func open(
        directory: String, keyFile: String, deviceName: String, clock: WallClock = .system,
        staffPolicy: StaffPolicy = StaffPolicy()
    ) throws(StoreError) -> KioskStore {
        try open(directory: directory, keyFile: keyFile, deviceName: deviceName, clock: clock,
                 staffPolicy: staffPolicy, maxPageCount: nil)
    }

    /// `maxPageCount` caps the database's size (tests simulate a full disk with it when they
    /// cannot mount a tiny file system).
    static func open(
        directory: String, keyFile: String, deviceName: String, clock: WallClock,
        staffPolicy: StaffPolicy, maxPageCount: Int?
    ) throws(StoreError) -> KioskStore {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.cannotOpen, "cannot create the data folder", field: "data.directory")
        }
        // SQLite reports a read-only folder as "cannot open" (it cannot make the WAL file);
        // say what is actually wrong.
        if access(directory, W_OK) != 0 && (errno == EROFS || errno == EACCES) {
            throw StoreError(.readOnly, "the database is read-only: the data folder cannot be written", field: "data.directory")
        }
        let key = try KeyFile.loadOrCreate(path: keyFile)
        let path = (directory as NSString).appendingPathComponent(databaseFileName)
        let pool: DatabasePool
        do {
            var config = configuration()
            if let maxPageCount {
                config.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
            }
            pool = try DatabasePool(path: path, configuration: config)
        } catch {
            throw StoreError.from(error)
        }
        return try KioskStore(writer: pool, masterKey: key, deviceName: deviceName, clock: clock,
                              staffPolicy: staffPolicy, path: path)
    }

    /// A store in memory with a random key, for tests and previews.
    public static func inMemory(
        deviceName: String = "test", clock: WallClock = .system, staffPolicy: StaffPolicy = StaffPolicy()
    ) throws(StoreError) -> KioskStore {
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(configuration: configuration()) } catch { throw StoreError.from(error) }
        return try KioskStore(writer: queue, masterKey: SymmetricKey(size: .bits256), deviceName: deviceName,
                              clock: clock, staffPolicy: staffPolicy, path: nil)
    }

    /// Connection settings shared by every connection.
    static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Another kiosk process (the CLI during a backup, the TUI) may hold the write lock briefly.
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in
            // Durability: in WAL mode, synchronous=NORMAL commits without fsync and a power cut
            // can lose the last transactions (a donation the nurse saw as saved). FULL fsyncs
            // the WAL at every commit, so a committed donation or card activation survives power
            // loss, not only kill -9. The kiosk writes a few rows a minute, so the cost is nil;
            // the bulk import is one transaction and pays one fsync.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    /// Closes the database (checkpointing the WAL). Later calls fail with `database`; the store
    /// also closes when released.
    public func close() throws(StoreError) {
        do { try writer.close() } catch { throw StoreError.from(error) }
    }

    /// Runs `body` in a write transaction, translating every failure into a `StoreError`.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.perform(writer, body)
    }

    static func perform<T>(_ writer: any DatabaseWriter, _ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write { db in try body(db) }
        } catch {
            throw StoreError.from(error)
        }
    }

    /// Runs `body` in a read transaction (a consistent snapshot), translating failures.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read { db in try body(db) }
        } catch {
            throw StoreError.from(error)
        }
    }
}
