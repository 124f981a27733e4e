/// Where the user is, which decides what keys do.
public enum KeyContext: String, CaseIterable, Sendable {
    case list, filter, detail, form, help, templates, welcome
    /// A yes/no question over the screen (discard, quit, a dangerous change, a policy impact).
    case question
    /// The activity log (`L`).
    case log
    /// The indirect resellers screen.
    case resellers
}
