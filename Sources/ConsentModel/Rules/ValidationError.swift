/// The model refused an input: every violation found, in field order.
public struct ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
    public let violations: [ConsentViolation]
    public init(_ violations: [ConsentViolation]) { self.violations = violations }
    public var description: String { violations.map(\.description).joined(separator: "\n") }
    /// The first violation for `field`.
    public func message(for field: Field) -> String? {
        violations.first { $0.field == field }?.description
    }
}
