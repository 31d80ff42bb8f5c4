import Testing
@testable import FsxReplay
@Test func moduleLoads() { #expect(true) }
