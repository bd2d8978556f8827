import DonorCore

extension KioskStore {
    /// Opens the store a `kiosk.conf` names: its data directory and key file, with the house id
    /// as the device name. What every `kiosk` subcommand and the TUI should call.
    public static func open(configuration: KioskConfiguration, clock: WallClock = .system) throws(StoreError) -> KioskStore {
        try open(directory: configuration.dataDirectory, keyFile: configuration.keyFile,
                 deviceName: configuration.houseID, clock: clock)
    }
}
