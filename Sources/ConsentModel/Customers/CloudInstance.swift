/// Where a customer's tenant lives. National clouds do not support confirmation.
public enum CloudInstance: String, Hashable, Sendable, Codable, CaseIterable {
    case global
    case usGovernment
    case germany
    case china21Vianet

    /// Whether confirming acceptance applies (only the global cloud).
    public var supportsConfirmation: Bool { self == .global }

    public var displayName: String { tr("cloud.\(rawValue)") }

    /// The command line's and JSON's spelling (`us-government`).
    public var cliName: String {
        switch self {
        case .global: return "global"
        case .usGovernment: return "us-government"
        case .germany: return "germany"
        case .china21Vianet: return "china-21vianet"
        }
    }

    /// The words a spreadsheet shows (the customers CSV's cloud column), the same in every
    /// language so a file reads back anywhere; `init(loose:)` reads them.
    public var spreadsheetName: String {
        switch self {
        case .global: return "Global"
        case .usGovernment: return "US Government"
        case .germany: return "Germany"
        case .china21Vianet: return "China (21Vianet)"
        }
    }

    /// Reads the names people and files use ("public", "US Government", "china", …).
    public init?(loose text: String) {
        let key = text.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "global", "public", "commercial", "": self = .global
        case "usgovernment", "usgov", "gcc", "government": self = .usGovernment
        case "germany", "de", "microsoftclouddeutschland": self = .germany
        case "china21vianet", "china", "21vianet", "cn": self = .china21Vianet
        default: return nil
        }
    }
}
