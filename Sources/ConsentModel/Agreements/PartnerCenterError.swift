import Foundation

/// An error code or message Partner Center gives about a customer's acceptance, as a caller
/// reads it out to a support desk, with its cause and fix in the desk's words
/// (`consentdesk explain`). Microsoft's own message is quoted as Microsoft sends it.
public struct PartnerCenterError: Sendable, Hashable {
    /// Partner Center's code (`600061`), when the answer has one.
    public let code: Int?
    /// Partner Center's `errorName`, when known.
    public let name: String?
    /// Microsoft's message, in Microsoft's English, when known.
    public let message: String?
    /// The catalogue stem of the cause and fix (`explain.<key>.cause`).
    let key: String
    /// Other words a caller may read out that name this error (folded, see `folded`).
    let phrases: [String]

    /// Why Partner Center answers this, in the current language.
    public var cause: String { tr("explain.\(key).cause") }
    /// What to do about it, in the current language.
    public var fix: String { tr("explain.\(key).fix") }

    /// The errors ConsentDesk explains (from Partner Center's documentation of the agreement
    /// API and the desk's rules: docs/statuses.md).
    public static let known = [
        PartnerCenterError(code: 600061, name: "PartnerConfirmedAgreementAlreadyExists",
                           message: "A partner confirmed agreement already exists for the customer.", key: "duplicate",
                           phrases: ["partner confirmed agreement already exists", "agreement already exists"]),
        PartnerCenterError(code: 600002, name: nil, message: nil, key: "futureDate",
                           phrases: ["dateagreed is in the future", "date agreed in the future", "dateagreed cannot be in the future"]),
        PartnerCenterError(code: nil, name: nil, message: "The customer has not accepted the agreement.", key: "notAccepted",
                           phrases: ["has not accepted the agreement", "not accepted the agreement", "has not accepted the microsoft customer agreement",
                                     "customer agreement not accepted", "has not accepted"]),
    ]

    /// The errors `text` names: a code anywhere in it (`600061`, `InternalErrorCode=600061`),
    /// an error name, or Microsoft's message or a part of it (letter case, punctuation and
    /// quotes ignored). Empty when it names none.
    public static func find(_ text: String) -> [PartnerCenterError] {
        let numbers = Set(text.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) })
        let byCode = known.filter { $0.code.map(numbers.contains) ?? false }
        if !byCode.isEmpty { return byCode }
        let typed = folded(text)
        guard typed.count >= 6 else { return [] }
        return known.filter { error in
            let names = ([error.name, error.message].compactMap { $0 }).map(folded) + error.phrases
            return names.contains { $0.contains(typed) || typed.contains($0) }
        }
    }

    /// Lower case, letters and digits only, single spaces.
    static func folded(_ text: String) -> String {
        String(text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " })
            .split(separator: " ").joined(separator: " ")
    }
}
