import Testing
@testable import DonorCore
@Test func versionIsSemantic() { #expect(DonorCoreInfo.version.split(separator: ".").count == 3) }
