/// The kind of agreement a customer accepts. Unknown names read from files are kept
/// exactly as they are, never dropped or rejected.
public struct AgreementType: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The Microsoft Cloud Agreement: the FAQ's subject, used in CSP 2018–2020.
    public static let microsoftCloudAgreement = AgreementType("MicrosoftCloudAgreement")
    /// The Microsoft Customer Agreement: required in CSP from 2020-02-01.
    public static let microsoftCustomerAgreement = AgreementType("MicrosoftCustomerAgreement")

    /// The types this version knows by name.
    public static let known: [AgreementType] = [.microsoftCustomerAgreement, .microsoftCloudAgreement]

    /// Reads a type name from a file or an argument: a known name in any letter case is
    /// matched and stored in its canonical spelling; anything else is kept exactly as
    /// written (after trimming), so it never satisfies the required type.
    public init(parsing text: String) {
        let trimmed = text.trimmedOfSpaces
        // The canonical spelling (what every export writes) is found without Foundation's compare.
        if let known = AgreementType.known.first(where: { $0.rawValue == trimmed })
            ?? AgreementType.known.first(where: { $0.rawValue.caseInsensitiveCompare(trimmed) == .orderedSame }) {
            self = known
        } else {
            self.init(trimmed)
        }
    }

    /// Whether this version knows the type by name.
    public var isKnown: Bool { AgreementType.known.contains(self) }

    /// The name spelled out for people ("Microsoft Customer Agreement"); an unknown
    /// type shows its raw name.
    public var displayName: String {
        switch self {
        case .microsoftCloudAgreement: return tr("agreement.cloud")
        case .microsoftCustomerAgreement: return tr("agreement.customer")
        default: return rawValue
        }
    }

    /// A short name for narrow columns.
    public var shortName: String {
        switch self {
        case .microsoftCloudAgreement: return tr("agreement.cloud.short")
        case .microsoftCustomerAgreement: return tr("agreement.customer.short")
        default: return rawValue
        }
    }

    public var description: String { rawValue }
    public static func < (lhs: AgreementType, rhs: AgreementType) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
