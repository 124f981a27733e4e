/// The one presentation of the partner profile: what `consentdesk profile show` prints, and
/// what any screen showing the profile draws. Values from the store are escaped here.
public struct ProfileSummary: Sendable, Hashable {
    /// Labelled fields, in order: name, tenant, domains, role, user id, policy, resellers.
    public let fields: [SummaryLine]

    public init(_ profile: PartnerProfile) {
        func safe(_ text: String) -> String { UntrustedText.escaped(text) }
        var fields: [SummaryLine] = [
            .field(tr("field.partnerName"), safe(profile.name)),
            .field(tr("field.partnerTenantId"), safe(profile.tenantId)),
            .field(tr("field.partnerDomains"), safe(profile.domains.joined(separator: ", "))),
            .field(tr("field.role"), profile.role.displayName),
            .field(tr("field.defaultUserId"), safe(profile.defaultUserId)),
            .field(tr("field.requiredAgreementType"), safe(profile.policy.requiredAgreementType.displayName)),
            .field(tr("field.reacceptanceCutoff"), profile.policy.reacceptanceCutoff?.iso ?? "—"),
            .field(tr("field.followUpWaitingDays"), String(profile.thresholds.waitingDays)),
            .field(tr("field.followUpRenewingDays"), String(profile.thresholds.renewingDays)),
        ]
        for r in profile.resellers {
            fields.append(.field(tr("field.reseller"), safe("\(r.id)  \(r.name)  \(r.domains.joined(separator: ", "))")))
        }
        self.fields = fields
    }
}
