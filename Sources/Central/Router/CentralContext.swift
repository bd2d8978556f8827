import Hummingbird

/// The request context: the authenticated device once `AuthMiddleware` has run.
public struct CentralContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware`; routes behind it may rely on it.
    public var device: Device?

    public init(source: Source) {
        coreContext = .init(source: source)
        device = nil
    }

    /// Bodies above this are refused with 413 before they are read in full.
    public var maxUploadSize: Int { CentralRouter.maxBodyBytes }

    /// The device, or 401 when a route is reached without `AuthMiddleware`.
    func requireDevice() throws -> Device {
        guard let device else { throw CentralError.unauthorized }
        return device
    }
}
