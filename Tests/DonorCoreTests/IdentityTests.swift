import Testing

/// The root of every identity suite, so `swift test --filter IdentityTests` runs them all.
@Suite("Identity")
struct IdentityTests {}
