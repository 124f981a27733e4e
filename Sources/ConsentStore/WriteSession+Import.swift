import ConsentModel
import Foundation
import GRDB

/// Import planning: a row merges into what is stored, and every change goes through the
/// model's rules. A row that describes what is already stored plans no event, so
/// importing any export of this store back changes nothing.
extension WriteSession {
    /// A row of the customers CSV: adds or edits the customer (a column the file lacks is
    /// left as stored), then records its confirmation, request and withdrawal where the row
    /// has them and they differ from what is stored. Every violation in the row is reported.
    func planImport(_ parsed: CustomersCSVRow.Parsed, context: ConsentContext) throws -> ([ConsentEvent], [ConsentWarning]) {
        var events: [ConsentEvent] = []
        var warnings: [ConsentWarning] = []
        var violations: [ConsentViolation] = []
        func collecting<T>(_ body: () throws -> T) throws -> T? {
            do { return try body() } catch let error as ValidationError {
                violations += error.violations
                return nil
            }
        }
        var working: Customer
        if let current = try customer(parsed.customer.tenantId.trimmedOfSpaces)?.customer {
            var draft = parsed.customerDraft(over: current)
            draft.tenantId = current.tenantId
            working = try collecting { try ConsentRules.customer(draft, existing: current, in: context) } ?? current
            if violations.isEmpty && working != current { events.append(.customerEdited(working)) }
        } else if let added = try collecting({ try ConsentRules.customer(parsed.customer, existing: nil, in: context) }) {
            working = added
            events.append(.customerAdded(added))
        } else {
            // Go on checking the rest of the row against a customer with what is known of it.
            working = Customer(tenantId: parsed.customer.tenantId, companyName: parsed.customer.companyName)
        }
        func record(_ planned: [ConsentEvent]) {
            events += planned
            for event in planned { working = working.applying(event) }
        }
        if let draft = parsed.confirmationDraft(over: working.confirmation),
           let planned = try collecting({ try planConfirmation(draft, for: working, context: context) }) {
            record(planned.0)
            warnings += planned.1
        }
        if let draft = parsed.requestDraft(over: working.request), !isStored(draft, on: working, context: context),
           let request = try collecting({ try ConsentRules.request(draft, for: working, in: context) }) {
            record([.requested(tenantId: working.tenantId, request)])
        }
        if let draft = parsed.withdrawalDraft(over: working.withdrawal), !isStored(draft, on: working, context: context),
           let withdrawal = try collecting({ try ConsentRules.withdrawal(draft, for: working, in: context) }) {
            record([.withdrawn(tenantId: working.tenantId, withdrawal)])
        }
        if !violations.isEmpty { throw ValidationError(violations) }
        return (events, warnings)
    }

    /// A confirmation from Microsoft's CSV or Partner Center's JSON; the customer is added
    /// (named after its domain) when the store does not know it.
    func planImportedConfirmation(tenantId id: String, domain: String, _ draft: ConfirmationDraft,
                                  context: ConsentContext) throws -> ([ConsentEvent], [ConsentWarning]) {
        let key = id.trimmedOfSpaces
        // The same file again: told from the stored columns, without reading the customer.
        if try confirmationAlreadyStored(draft, tenantId: key, context: context) { return ([], []) }
        // A confirmation never reads or changes subscriptions: they stay undecoded.
        if let current = try customer(key, subscriptions: false)?.customer {
            return try planConfirmation(draft, for: current, context: context)
        }
        let name = domain.isEmpty ? id : domain
        let customerDraft = CustomerDraft(tenantId: id, companyName: name, domains: domain)
        var violations: [ConsentViolation] = []
        var added: Customer?
        do { added = try ConsentRules.customer(customerDraft, existing: nil, in: context) } catch { violations += error.violations }
        let working = added ?? Customer(tenantId: id, companyName: name)
        do {
            let (events, warnings) = try planConfirmation(draft, for: working, context: context)
            if violations.isEmpty, let added {
                return ([.customerAdded(added)] + events, [.addedWithoutDetails(name: added.companyName)] + warnings)
            }
        } catch {
            violations += error.violations
        }
        throw ValidationError(violations)
    }

    /// A confirmation from an import: nothing when the row describes the acceptance already
    /// stored; otherwise the template is resolved in the store's catalogue and the model's
    /// rules decide (dates before a withdrawal, duplicates, national clouds and the rest).
    func planConfirmation(_ draft: ConfirmationDraft, for customer: Customer,
                          context: ConsentContext) throws(ValidationError) -> ([ConsentEvent], [ConsentWarning]) {
        let full = completed(draft, over: customer)
        if isStored(full, on: customer, context: context) { return ([], []) }
        let (resolved, typeProblems) = resolvingTemplate(full)
        let validated: Validated<Confirmation>
        do {
            validated = try ConsentRules.confirmation(resolved, for: customer, in: context)
        } catch {
            throw ValidationError(typeProblems + error.violations)
        }
        if !typeProblems.isEmpty { throw ValidationError(typeProblems) }
        return ([.confirmed(tenantId: customer.tenantId, validated.value)], validated.warnings)
    }

    /// `draft` with who confirms from this desk where it names nobody, and the phone as
    /// stored when the file has no phone column.
    func completed(_ draft: ConfirmationDraft, over customer: Customer) -> ConfirmationDraft {
        var full = withDefaults(draft)
        if full.phoneNumberAbsent, let stored = customer.confirmation { full.phoneNumber = stored.contact.phoneNumber ?? "" }
        return full
    }

    /// Whether `draft` is the acceptance already stored for a customer this transaction has
    /// not read yet, told from its stored columns alone (`isStored` on them): a file imported
    /// again costs one narrow read a row, and no customer is decoded or kept. false when it
    /// cannot tell (no such customer, no confirmation, a value not as written): the row then
    /// goes the whole way, which decides (and names any damage).
    func confirmationAlreadyStored(_ draft: ConfirmationDraft, tenantId: String, context: ConsentContext) throws -> Bool {
        let id = tenantId.lowercased()
        guard customers[id] == nil else { return false }
        let select = try db.cachedStatement(sql: """
            SELECT companyName, domains, cFirst, cLast, cEmail, cPhone, cDate, cTemplate, cType FROM customers WHERE tenantId = ?
            """)
        let found = try StatementColumns.firstRow(select, arguments: [id]) { row -> Customer? in
            func text(_ index: Int32) -> String? { row.text(index) }
            guard let company = text(0), let domains = text(1), let first = text(2), let last = text(3), let email = text(4),
                  let day = text(6).flatMap(Day.init(iso:)), let template = text(7), let type = text(8),
                  row.isNull(5) || text(5) != nil, !row.holdsNul else { return nil }
            var stored = Customer(tenantId: id, companyName: company,
                                  domains: domains.isEmpty ? [] : domains.split(separator: " ").map(String.init))
            // What `isStored` compares: the day, the contact, the template and its type (who
            // recorded it and the evidence do not make it another acceptance).
            stored.confirmation = Confirmation(
                contact: Contact(firstName: first, lastName: last, email: email, phoneNumber: text(5)), dateAgreed: day,
                templateId: template, agreementType: AgreementType(type), partnerUserId: "", employee: "",
                recordedAt: Date(timeIntervalSince1970: 0))
            return stored
        }
        guard let stored = found ?? nil else { return false }
        return isStored(completed(draft, over: stored), on: stored, context: context)
    }

    /// The draft with the template the file means: the one it names, or else the store's
    /// template of the named agreement type (the required type when none is named) current
    /// on the acceptance date. An unknown type is never read as a known one: with no
    /// template of that type, the row is refused naming the types the store has.
    func resolvingTemplate(_ draft: ConfirmationDraft) -> (ConfirmationDraft, [ConsentViolation]) {
        var draft = draft
        let typeText = draft.agreementType.trimmedOfSpaces
        let named = typeText.isEmpty ? nil : AgreementType(parsing: typeText)
        let templateKey = draft.templateId.trimmedOfSpaces
        if !templateKey.isEmpty {
            // The file names both: they must agree.
            if let named, let template = catalog.template(id: templateKey), template.agreementType != named {
                return (draft, [.invalidChoice(.agreementType, typeText, choices: [template.agreementType.rawValue])])
            }
            return (draft, [])
        }
        let type = named ?? profile.policy.requiredAgreementType
        let day = Day(iso: draft.dateAgreed.trimmedOfSpaces)
        // On a date before any template of the type took effect, the rules name the effective date.
        if let template = day.flatMap({ catalog.inEffect(of: type, on: $0) }) ?? catalog.current(of: type, on: nil) {
            draft.templateId = template.templateId
            return (draft, [])
        }
        guard named != nil else { return (draft, []) }
        var choices = AgreementType.known.map(\.rawValue)
        for template in catalog.templates where !template.retired && !choices.contains(template.agreementType.rawValue) {
            choices.append(template.agreementType.rawValue)
        }
        return (draft, [.invalidChoice(.agreementType, typeText, choices: choices)])
    }

    /// Whether `draft` describes the acceptance `customer` already has: the same day and
    /// contact (as the model reads them), and the same template, or the same type when the
    /// file names a type only. Who recorded it and the evidence do not make it another one.
    func isStored(_ draft: ConfirmationDraft, on customer: Customer, context: ConsentContext) -> Bool {
        guard let stored = customer.confirmation else { return false }
        let templateKey = draft.templateId.trimmedOfSpaces
        let typeText = draft.agreementType.trimmedOfSpaces
        if !templateKey.isEmpty, catalog.template(id: templateKey)?.templateId != stored.templateId { return false }
        if !typeText.isEmpty, AgreementType(parsing: typeText) != stored.agreementType { return false }
        var probe = draft
        probe.templateId = stored.templateId
        probe.agreementType = ""
        (probe.partnerUserId, probe.employee, probe.evidence, probe.reseller) = ("import", "import", "", "")
        let date = draft.dateAgreed.trimmedOfSpaces
        let asWritten = Contact(firstName: draft.firstName.trimmedOfSpaces,
                                lastName: draft.lastName.trimmedOfSpaces,
                                email: draft.email.trimmedOfSpaces,
                                phoneNumber: draft.phoneNumber.trimmedOfSpaces)
        if date == stored.dateAgreed.iso, asWritten.isSameContact(as: stored.contact) { return true }
        let neutral = Customer(tenantId: customer.tenantId, companyName: customer.companyName, domains: customer.domains)
        guard let candidate = try? ConsentRules.confirmation(probe, for: neutral, in: context).value else { return false }
        return candidate.dateAgreed == stored.dateAgreed && candidate.contact.isSameContact(as: stored.contact)
    }

    /// Whether `draft` is the request already stored (same recipient and date).
    func isStored(_ draft: RequestDraft, on customer: Customer, context: ConsentContext) -> Bool {
        guard let stored = customer.request else { return false }
        let date = draft.date.trimmedOfSpaces
        if date == stored.date.iso, draft.sentTo.trimmedOfSpaces == stored.sentTo { return true }
        let neutral = Customer(tenantId: customer.tenantId, companyName: customer.companyName)
        guard let candidate = try? ConsentRules.request(draft, for: neutral, in: context) else { return false }
        return candidate.date == stored.date && candidate.sentTo == stored.sentTo
    }

    /// Whether `draft` is the withdrawal already stored (same date and reason).
    func isStored(_ draft: WithdrawalDraft, on customer: Customer, context: ConsentContext) -> Bool {
        guard let stored = customer.withdrawal else { return false }
        let date = draft.date.trimmedOfSpaces
        if date == stored.date.iso, draft.reason.trimmedOfSpaces == stored.reason { return true }
        var neutral = Customer(tenantId: customer.tenantId, companyName: customer.companyName)
        neutral.confirmation = customer.confirmation
        guard let candidate = try? ConsentRules.withdrawal(draft, for: neutral, in: context) else { return false }
        return candidate.date == stored.date && candidate.reason == stored.reason
    }
}
