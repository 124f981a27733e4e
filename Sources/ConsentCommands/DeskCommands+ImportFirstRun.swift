import ConsentModel
import ConsentStore
import Foundation

/// A first import into a fresh store: without a partner user id every confirmation is
/// refused for it, so the report says once what a partner user id is, where to find it and
/// the exact command that sets it, instead of the same line on every row.
extension DeskCommands {
    /// The line each row would carry for a missing partner user id.
    static var missingUserIdLine: String { ConsentViolation.missing(.partnerUserId).reportLine }

    /// Whether confirmations from this desk have no partner user id to go under: the store
    /// confirms to Microsoft, its profile has no default user id and `CONSENTDESK_USER_ID`
    /// is not set.
    func lacksPartnerUserId() throws -> Bool {
        let profile = try store.profile()
        return profile.confirmsToMicrosoft && profile.defaultUserId.trimmingCharacters(in: .whitespaces).isEmpty
            && store.actor.userId.trimmingCharacters(in: .whitespaces).isEmpty
    }

    /// Takes the missing-user-id line out of each row's problems (`failures`, by item) and
    /// returns the guidance to print once, or [] when no row had it.
    func partnerUserIdGuidance(taking failures: inout [Int: [String]]) throws -> [String] {
        let line = Self.missingUserIdLine
        var rows = 0
        for (index, problems) in failures where problems.contains(line) {
            rows += 1
            failures[index] = problems.filter { $0 != line }
        }
        guard rows > 0 else { return [] }
        let profile = try store.profile()
        let hasProfile = !profile.name.isEmpty && !profile.tenantId.isEmpty
        return [tr("cli.import.userId.missing", rows), tr("cli.import.userId.what"),
                tr(hasProfile ? "cli.import.userId.fix" : "cli.import.userId.fixNewProfile")]
    }
}
