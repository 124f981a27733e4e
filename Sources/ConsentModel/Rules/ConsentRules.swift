import Foundation

/// Everything the rules need to know besides the input: the partner, its templates,
/// and the time (injected, never read from the system here).
public struct ConsentContext: Sendable {
    public var profile: PartnerProfile
    public var catalog: TemplateCatalog
    /// When the change is recorded.
    public var now: Date

    public init(profile: PartnerProfile, catalog: TemplateCatalog, now: Date) {
        self.profile = profile
        self.catalog = catalog
        self.now = now
    }

    /// Today in UTC.
    public var today: Day { Day(utcOf: now) }

    /// The current template of the required agreement type.
    public var requiredTemplate: AgreementTemplate? {
        catalog.current(of: profile.policy.requiredAgreementType, on: today)
    }
}

/// The rules of DOMAIN.md applied to each kind of input.
public enum ConsentRules {
    /// Validates a confirmation of `customer` (rules 1–9).
    public static func confirmation(_ draft: ConfirmationDraft, for customer: Customer,
                                    in context: ConsentContext) throws(ValidationError) -> Validated<Confirmation> {
        var checks = FieldChecks()
        // Rule 7: national clouds do not support confirmation.
        if let reason = CustomerAction.confirm.availability(for: customer, status: .missing).reason {
            throw ValidationError([reason])
        }
        // Template: the chosen one, or the current one of the required type.
        let templateKey = draft.templateId.trimmingCharacters(in: .whitespaces)
        let template: AgreementTemplate?
        if templateKey.isEmpty {
            template = context.requiredTemplate
            if template == nil { checks.add(.missing(.template)) }
        } else {
            template = context.catalog.template(id: templateKey)
            if template == nil { checks.add(.unknownTemplate(templateKey)) }
        }
        // Rules 1, 3: the date.
        var date = checks.day(draft.dateAgreed, .dateAgreed, required: true, notAfter: context.today)
        if let day = date, let effective = template?.effectiveDate, day < effective {
            checks.add(.dateBeforeTemplate(day, effective: effective))
            date = nil
        }
        // Rule 10: the story stays in order — nothing dated before the latest withdrawal…
        if let day = date, let withdrawn = customer.lastWithdrawalDate, day < withdrawn {
            checks.add(.confirmationBeforeWithdrawal(day, withdrawal: withdrawn))
            date = nil
        }
        // …nor before the acceptance it would replace (rule 6: the current one is the latest).
        if let day = date, customer.withdrawal == nil, let current = customer.confirmation, day < current.dateAgreed {
            checks.add(.confirmationBeforeCurrent(day, current: current.dateAgreed))
            date = nil
        }
        // Rules 1, 4: names, phone.
        let first = checks.text(draft.firstName, .firstName, required: true)
        let last = checks.text(draft.lastName, .lastName, required: true)
        // Rules 1, 2: email; rule 5: not the partner's nor a reseller's.
        var email = checks.email(draft.email)
        var warnings: [ConsentWarning] = []
        if let address = email {
            let domain = String(address.split(separator: "@")[1]).lowercased()
            if let own = matchingDomain(domain, in: context.profile.domains) {
                checks.add(.emailAtPartnerDomain(domain: own)); email = nil
            } else if let reseller = context.profile.resellers.first(where: { matchingDomain(domain, in: $0.domains) != nil }) {
                checks.add(.emailAtResellerDomain(domain: domain, reseller: reseller.name)); email = nil
            } else if let warning = emailWarning(address, for: customer) {
                warnings.append(warning)
            }
        }
        let phoneText = checks.phone(draft.phoneNumber)
        let phone = (phoneText?.isEmpty ?? true) ? nil : phoneText
        // Who confirms: Partner Center's user id (not for a reseller's store) and the employee.
        let userId = checks.partnerUserId(draft.partnerUserId, .partnerUserId, required: context.profile.confirmsToMicrosoft)
        let employee = checks.employee(draft.employee)
        let evidenceText = checks.text(draft.evidence, .evidence, required: false, maximum: 500)
        // Rules 8, 9: the collecting reseller must be one of this provider's.
        let resellerId = checks.reseller(draft.reseller, of: context.profile)
        guard checks.violations.isEmpty, let date, let first, let last, let email, let template,
              let userId, let employee else {
            throw ValidationError(checks.violations)
        }
        let contact = Contact(firstName: first, lastName: last, email: email, phoneNumber: phone)
        // Rule 6: the same template and contact again is a duplicate (error 600061).
        if customer.withdrawal == nil, let current = customer.confirmation,
           current.templateId == template.templateId, current.contact.isSameContact(as: contact) {
            throw ValidationError([.duplicateConfirmation])
        }
        if template.templateId != context.requiredTemplate?.templateId {
            warnings.append(.notCurrentTemplate)
        }
        let confirmation = Confirmation(
            contact: contact, dateAgreed: date, templateId: template.templateId,
            agreementType: template.agreementType, partnerUserId: userId, employee: employee,
            evidence: (evidenceText?.isEmpty ?? true) ? nil : evidenceText,
            collectedByResellerId: resellerId, recordedAt: context.now)
        return Validated(value: confirmation, warnings: warnings)
    }

    /// Validates a new or edited customer. Consent fields come from `existing`.
    public static func customer(_ draft: CustomerDraft, existing: Customer?,
                                in context: ConsentContext) throws(ValidationError) -> Customer {
        var checks = FieldChecks()
        let tenant = checks.tenantId(draft.tenantId, .tenantId)
        let name = checks.text(draft.companyName, .companyName, required: true, maximum: 200)
        let domains = checks.domains(draft.domains, .domains, required: false)
        let countryTyped = checks.text(draft.country, .country, required: false) ?? ""
        let countryText = countryTyped.uppercased()
        if !countryText.isEmpty && (countryText.count != 2 || !countryText.allSatisfy({ $0.isASCII && $0.isLetter })) {
            // The message quotes what was typed, not a capitalised copy of it.
            checks.add(.invalidCountry(countryTyped))
        }
        let cloud = CloudInstance(loose: draft.cloud)
        if cloud == nil {
            checks.add(.invalidChoice(.cloud, draft.cloud, choices: CloudInstance.allCases.map(\.rawValue)))
        }
        // The reseller as stored is no change, even where the profile would not take it as new
        // (after a change of role): an edit or a re-import keeps it.
        let stored = existing?.resellerId
        let keepsStored = stored != nil && draft.reseller.trimmingCharacters(in: .whitespaces) == stored
        let resellerId = keepsStored ? stored : checks.reseller(draft.reseller, of: context.profile)
        guard checks.violations.isEmpty, let tenant, let name, let domains, let cloud else {
            throw ValidationError(checks.violations)
        }
        var customer = existing ?? Customer(tenantId: tenant, companyName: name)
        customer.tenantId = tenant
        customer.companyName = name
        customer.domains = domains
        customer.country = countryText
        customer.cloud = cloud
        customer.resellerId = resellerId
        return customer
    }

    /// Validates a withdrawal (rule 10).
    public static func withdrawal(_ draft: WithdrawalDraft, for customer: Customer,
                                  in context: ConsentContext) throws(ValidationError) -> Withdrawal {
        if let reason = CustomerAction.withdraw.availability(for: customer, status: .confirmed).reason {
            throw ValidationError([reason])
        }
        var checks = FieldChecks()
        var date = checks.day(draft.date, .withdrawalDate, required: true, notAfter: context.today)
        // Rule 10: a withdrawal cannot come before the acceptance it withdraws.
        if let day = date, let accepted = customer.confirmation?.dateAgreed, day < accepted {
            checks.add(.withdrawalBeforeConfirmation(day, confirmation: accepted))
            date = nil
        }
        let reason = checks.text(draft.reason, .reason, required: true, maximum: 500)
        guard checks.violations.isEmpty, let date, let reason else { throw ValidationError(checks.violations) }
        return Withdrawal(date: date, reason: reason)
    }

    /// Validates a request for acceptance sent to a reseller or the customer.
    public static func request(_ draft: RequestDraft, for customer: Customer,
                               in context: ConsentContext) throws(ValidationError) -> ConsentRequest {
        if let reason = CustomerAction.request.availability(for: customer, status: .missing).reason {
            throw ValidationError([reason])
        }
        // A request asks for an acceptance the customer lacks or will lack: one confirmed on
        // the current template is asked again only when a coming template or cut-off will
        // outdate it (a re-acceptance request); otherwise nothing is missing.
        // (Said with whatever else is wrong in the request.)
        var checks = FieldChecks()
        let evaluator = ConsentEvaluator(profile: context.profile, catalog: context.catalog, day: context.today)
        if evaluator.status(of: customer, today: context.today).status == .confirmed,
           evaluator.outdatedFrom(customer, after: context.today) == nil {
            checks.add(.requestNotNeeded)
        }
        let sentTo = checks.text(draft.sentTo, .sentTo, required: true, maximum: 200)
        var date = checks.day(draft.date, .requestDate, required: true, notAfter: context.today)
        // A request comes after the story so far: the current acceptance and the latest withdrawal.
        let latest = [customer.confirmation?.dateAgreed, customer.lastWithdrawalDate].compactMap { $0 }.max()
        if let day = date, let latest, day < latest {
            checks.add(.requestBeforeStory(day, latest: latest))
            date = nil
        }
        let note = checks.text(draft.note, .note, required: false, maximum: 500)
        guard checks.violations.isEmpty, let sentTo, let date else { throw ValidationError(checks.violations) }
        return ConsentRequest(sentTo: sentTo, date: date, note: (note?.isEmpty ?? true) ? nil : note)
    }

    /// Validates a new agreement template.
    public static func template(_ draft: TemplateDraft, in context: ConsentContext) throws(ValidationError) -> AgreementTemplate {
        var checks = FieldChecks()
        let id = checks.tenantId(draft.templateId, .templateId)
        if let id, context.catalog.template(id: id) != nil { checks.add(.templateExists(id)) }
        let type = checks.text(draft.agreementType, .agreementType, required: true)
        if let type, type.contains(where: { $0.isWhitespace }) {
            checks.add(.invalidChoice(.agreementType, type, choices: AgreementType.known.map(\.rawValue)))
        }
        let link = checks.text(draft.agreementLink, .agreementLink, required: true, maximum: 500)
        if let link, !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.contains(" ") {
            checks.add(.invalidLink(link))
        }
        let rankText = draft.versionRank.trimmingCharacters(in: .whitespaces)
        let rank = Int(rankText)
        if rank == nil { checks.add(.invalidNumber(.versionRank, rankText)) }
        let effective = checks.day(draft.effectiveDate, .effectiveDate, required: false, notAfter: Day(year: 9999, month: 12, day: 31)!)
        let regions = checks.text(draft.regions, .regions, required: false, maximum: 500) ?? ""
        let languages = checks.text(draft.languages, .languages, required: false, maximum: 500) ?? ""
        guard checks.violations.isEmpty, let id, let type, let link, let rank else { throw ValidationError(checks.violations) }
        return AgreementTemplate(templateId: id, agreementType: AgreementType(parsing: type), agreementLink: link, versionRank: rank,
                                 effectiveDate: effective, regions: list(regions), languages: list(languages))
    }

    /// Validates the partner profile; resellers are kept from `existing`. The required
    /// agreement type is read like a file's (a known name in any case is stored in its
    /// canonical spelling) and must be a known type or one `catalog` has a template of.
    public static func profile(_ draft: ProfileDraft, existing: PartnerProfile,
                               catalog: TemplateCatalog = .default) throws(ValidationError) -> PartnerProfile {
        var checks = FieldChecks()
        let name = checks.text(draft.name, .partnerName, required: true, maximum: 200)
        let tenant = checks.tenantId(draft.tenantId, .partnerTenantId)
        let domains = checks.domains(draft.domains, .partnerDomains, required: false)
        let role = PartnerRole(rawValue: draft.role.trimmingCharacters(in: .whitespaces))
        if role == nil { checks.add(.invalidChoice(.role, draft.role, choices: PartnerRole.allCases.map(\.rawValue))) }
        // A new partner user id is Partner Center's object id, a GUID ("jdoe" is a sign-in
        // name); one set before this rule is kept as it is, so other profile edits still save.
        let userIdText = draft.defaultUserId.trimmingCharacters(in: .whitespaces)
        let userId = (userIdText == existing.defaultUserId && !userIdText.isEmpty
            ? checks.text(draft.defaultUserId, .defaultUserId, required: false)
            : checks.partnerUserId(draft.defaultUserId, .defaultUserId, required: false)) ?? ""
        var type = checks.text(draft.requiredAgreementType, .requiredAgreementType, required: true)
        if let text = type {
            let parsed = AgreementType(parsing: text)
            let offered = AgreementType.known + catalog.templates.map(\.agreementType).filter { !AgreementType.known.contains($0) }
            if offered.contains(parsed) {
                type = parsed.rawValue
            } else {
                checks.add(.invalidChoice(.requiredAgreementType, text, choices: offered.map(\.rawValue)))
                type = nil
            }
        }
        // The partner's own domains are never a reseller's too (one place: ConsentRules+Resellers).
        for domain in domains ?? [] {
            if let reseller = existing.resellers.first(where: { matchingDomain(domain, in: $0.domains) != nil }) {
                checks.add(.resellerDomainTaken(domain, reseller: reseller.name))
            }
        }
        let cutoff = checks.day(draft.reacceptanceCutoff, .reacceptanceCutoff, required: false,
                                notAfter: Day(year: 9999, month: 12, day: 31)!)
        let followUp = thresholds(draft, existing: existing.followUp, &checks)
        guard checks.violations.isEmpty, let name, let tenant, let domains, let role, let type else {
            throw ValidationError(checks.violations)
        }
        var profile = PartnerProfile(name: name, tenantId: tenant, domains: domains, role: role, resellers: existing.resellers,
                                     defaultUserId: userId,
                                     policy: ConsentPolicy(requiredAgreementType: AgreementType(type), reacceptanceCutoff: cutoff))
        profile.followUp = followUp
        return profile
    }

    /// Validates a reseller for an indirect provider's profile.
    public static func reseller(id: String, name: String, domains: String) throws(ValidationError) -> Reseller {
        var checks = FieldChecks()
        let id = checks.text(id, .resellerId, required: true)
        let name = checks.text(name, .resellerName, required: true, maximum: 200)
        let domains = checks.domains(domains, .resellerDomains, required: true)
        guard checks.violations.isEmpty, let id, let name, let domains else { throw ValidationError(checks.violations) }
        return Reseller(id: id, name: name, domains: domains)
    }

    /// Rule 4 for who makes a change, on every kind of write: the employee (required) and
    /// the partner user id (may be empty outside confirmations), validated like names.
    /// Returns them normalised.
    public static func auditTrail(employee: String, partnerUserId: String) throws(ValidationError) -> (employee: String, partnerUserId: String) {
        var checks = FieldChecks()
        let employee = checks.employee(employee)
        let userId = checks.partnerUserId(partnerUserId, .partnerUserId, required: false)
        guard checks.violations.isEmpty, let employee, let userId else { throw ValidationError(checks.violations) }
        return (employee, userId)
    }

    /// Rule 5's warning for a contact `email` of `customer`: its domain is not one of the
    /// customer's known domains (nil when it is, or when the customer has none). The form
    /// shows it when the email field is left, the detail and `show` keep showing it.
    public static func emailWarning(_ email: String, for customer: Customer) -> ConsentWarning? {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !customer.domains.isEmpty else { return nil }
        let domain = String(parts[1]).lowercased()
        return matchingDomain(domain, in: customer.domains) == nil ? .emailOutsideCustomerDomains(domain: domain) : nil
    }

    /// The entry of `domains` that `domain` is, or is a subdomain of.
    static func matchingDomain(_ domain: String, in domains: [String]) -> String? {
        let d = domain.lowercased()
        return domains.first { d == $0 || d.hasSuffix("." + $0) }
    }

    private static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
    }
}
