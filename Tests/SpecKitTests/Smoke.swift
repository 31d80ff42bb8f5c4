import Testing
@testable import SpecKit
@Test func moduleLoads() { #expect(true) }
