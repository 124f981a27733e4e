import Foundation
import Testing
@testable import ConsentModel

/// Demo tenant ids are the generator's two numbers in hex, as they always were.
@Suite("Demo tenant ids")
struct DemoTenantIdTests {
    @Test func aTenantIdIsTheTwoNumbersInHexWithTheVersionAndVariantDigits() {
        var rng = SeededGenerator(seed: 99)
        var copy = rng
        let id = DemoGenerator.uuid(&rng)
        let hex = String(format: "%016llx%016llx", copy.next(), copy.next())
        let h = Array(hex)
        #expect(id == "\(String(h[0..<8]))-\(String(h[8..<12]))-4\(String(h[13..<16]))-a\(String(h[17..<20]))-\(String(h[20..<32]))")
        #expect(UUID(uuidString: id) != nil)
    }
}
