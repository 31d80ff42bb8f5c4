import Testing
@testable import IomapEngine
@Test func moduleLoads() { #expect(true) }
