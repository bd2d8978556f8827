/// Build-wide facts shared by both executables.
public enum DonorCoreInfo {
    /// The product version printed by `--version`.
    public static let version = "0.1.0"
}
