import ConsentModel
import Foundation

extension FormState {
    /// Confirm acceptance: the current template preselected, today's date, who confirms prefilled.
    static func confirm(_ row: CustomerRow, in state: AppState) -> FormState {
        let templates = state.catalog.templates.filter { !$0.retired }
            .sorted { ($0.agreementType == state.profile.policy.requiredAgreementType ? 0 : 1, -$0.versionRank)
                    < ($1.agreementType == state.profile.policy.requiredAgreementType ? 0 : 1, -$1.versionRank) }
        let current = state.catalog.current(of: state.profile.policy.requiredAgreementType, on: state.today)
        var fields = [
            FormField(.template, choices: templates.map { Choice(value: $0.templateId, label: $0.label) }, selected: current?.templateId),
            FormField(.dateAgreed, state.today.iso, required: true),
            FormField(.firstName, required: true),
            FormField(.lastName, required: true),
            FormField(.email, required: true),
            FormField(.phoneNumber),
            FormField(.partnerUserId, state.profile.defaultUserId, required: state.profile.confirmsToMicrosoft),
            FormField(.employee, state.employee, required: true),
            FormField(.evidence),
        ]
        if state.profile.role == .indirectProvider {
            fields.append(FormField(.reseller, choices: resellerChoices(state), selected: row.customer.resellerId ?? "", required: false))
        }
        let verb = state.profile.confirmsToMicrosoft ? "form.confirm.title" : "form.collect.title"
        return FormState(kind: .confirm(tenantId: row.customer.tenantId), title: tr(verb, UntrustedText.escaped(row.customer.companyName)),
                         fields: fields, expectingSeq: row.lastSeq)
    }

    static func customer(_ row: CustomerRow?, in state: AppState) -> FormState {
        let c = row?.customer
        var fields = [
            FormField(.tenantId, c?.tenantId ?? "", required: true, readOnly: c != nil),
            FormField(.companyName, c?.companyName ?? "", required: true),
            FormField(.domains, c?.domains.joined(separator: ", ") ?? ""),
            FormField(.country, c?.country ?? ""),
            FormField(.cloud, choices: CloudInstance.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) },
                      selected: c?.cloud.rawValue ?? CloudInstance.global.rawValue),
        ]
        if state.profile.role == .indirectProvider {
            fields.append(FormField(.reseller, choices: resellerChoices(state), selected: c?.resellerId ?? "", required: false))
        }
        if let row {
            return FormState(kind: .editCustomer(tenantId: row.customer.tenantId),
                             title: tr("form.edit.title", UntrustedText.escaped(row.customer.companyName)), fields: fields,
                             expectingSeq: row.lastSeq)
        }
        return FormState(kind: .addCustomer, title: tr("form.add.title"), fields: fields)
    }

    static func withdraw(_ row: CustomerRow, in state: AppState) -> FormState {
        FormState(kind: .withdraw(tenantId: row.customer.tenantId),
                  title: tr("form.withdraw.title", UntrustedText.escaped(row.customer.companyName)),
                  fields: [FormField(.withdrawalDate, state.today.iso, required: true), FormField(.reason, required: true)],
                  expectingSeq: row.lastSeq)
    }

    static func request(_ row: CustomerRow, in state: AppState) -> FormState {
        let reseller = row.customer.resellerId.flatMap { state.profile.reseller($0)?.name } ?? ""
        return FormState(kind: .request(tenantId: row.customer.tenantId),
                         title: tr("form.request.title", UntrustedText.escaped(row.customer.companyName)),
                         fields: [FormField(.sentTo, reseller, required: true), FormField(.requestDate, state.today.iso, required: true),
                                  FormField(.note)],
                         expectingSeq: row.lastSeq)
    }

    static func profile(in state: AppState) -> FormState {
        let p = state.profile
        let types = Array(Set(AgreementType.known + state.catalog.templates.map(\.agreementType))).sorted()
        return FormState(kind: .profile, title: tr("form.profile.title"), fields: [
            FormField(.partnerName, p.name, required: true),
            FormField(.partnerTenantId, p.tenantId, required: true),
            FormField(.partnerDomains, p.domains.joined(separator: ", ")),
            FormField(.role, choices: PartnerRole.allCases.map { Choice(value: $0.rawValue, label: $0.displayName) }, selected: p.role.rawValue),
            FormField(.defaultUserId, p.defaultUserId),
            FormField(.requiredAgreementType, choices: types.map { Choice(value: $0.rawValue, label: $0.displayName) },
                      selected: p.policy.requiredAgreementType.rawValue),
            FormField(.reacceptanceCutoff, p.policy.reacceptanceCutoff?.iso ?? ""),
        ])
    }

    /// A reseller for an indirect provider's profile (an email at its domains cannot accept).
    static func addReseller(in state: AppState) -> FormState {
        FormState(kind: .addReseller, title: tr("form.reseller.title"), fields: [
            FormField(.resellerId, required: true),
            FormField(.resellerName, required: true),
            FormField(.resellerDomains, required: true),
        ])
    }

    static func addTemplate(in state: AppState) -> FormState {
        FormState(kind: .addTemplate, title: tr("form.template.title"), fields: [
            FormField(.templateId, required: true),
            FormField(.agreementType, choices: AgreementType.known.map { Choice(value: $0.rawValue, label: $0.displayName) },
                      selected: AgreementType.microsoftCustomerAgreement.rawValue),
            FormField(.agreementLink, "https://", required: true),
            FormField(.versionRank, "1", required: true),
            FormField(.effectiveDate),
        ])
    }

    private static func resellerChoices(_ state: AppState) -> [Choice] {
        [Choice(value: "", label: tr("form.none"))] + state.profile.resellers.map { Choice(value: $0.id, label: UntrustedText.escaped($0.name)) }
    }
}
