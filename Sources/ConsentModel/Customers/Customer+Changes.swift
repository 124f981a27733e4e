/// What differs between two records of the same customer, field by field, as a desk worker
/// reads it ("Email: a@contoso.com → b@contoso.com"). Used when another desk changed a
/// customer under an open form: the app reloads and says what changed.
public struct CustomerChange: Hashable, Sendable, CustomStringConvertible {
    /// The field's label (from the catalogue).
    public let label: String
    /// The old and new values, escaped; "—" for none.
    public let old: String
    public let new: String

    public var description: String { tr("change.field", label, old, new) }
}

extension Customer {
    /// The fields that differ from `earlier`, in the order the detail shows them (values
    /// escaped; resellers by name where `profile` knows them).
    public func changes(since earlier: Customer, profile: PartnerProfile) -> [CustomerChange] {
        func safe(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "—" }
            return UntrustedText.escaped(text)
        }
        func reseller(_ id: String?) -> String? { id.map { profile.reseller($0)?.name ?? $0 } }
        var out: [CustomerChange] = []
        func compare(_ label: String, _ old: String?, _ new: String?) {
            if (old ?? "") != (new ?? "") { out.append(CustomerChange(label: label, old: safe(old), new: safe(new))) }
        }
        compare(tr("field.companyName"), earlier.companyName, companyName)
        compare(tr("field.domains"), earlier.domains.joined(separator: ", "), domains.joined(separator: ", "))
        compare(tr("field.country"), earlier.country, country)
        compare(tr("field.cloud"), earlier.cloud.displayName, cloud.displayName)
        compare(tr("field.reseller"), reseller(earlier.resellerId), reseller(resellerId))
        let a = earlier.confirmation, b = confirmation
        compare(tr("field.dateAgreed"), a?.dateAgreed.iso, b?.dateAgreed.iso)
        compare(tr("detail.contact"), a?.contact.fullName, b?.contact.fullName)
        compare(tr("field.email"), a?.contact.email, b?.contact.email)
        compare(tr("field.phoneNumber"), a?.contact.phoneNumber, b?.contact.phoneNumber)
        compare(tr("field.template"), a?.agreementType.displayName, b?.agreementType.displayName)
        compare(tr("field.evidence"), a?.evidence, b?.evidence)
        compare(tr("detail.request"), earlier.request.map { "\($0.sentTo), \($0.date.iso)" }, request.map { "\($0.sentTo), \($0.date.iso)" })
        compare(tr("field.note"), earlier.request?.note, request?.note)
        compare(tr("detail.withdrawal"), earlier.withdrawal.map { "\($0.date.iso): \($0.reason)" },
                withdrawal.map { "\($0.date.iso): \($0.reason)" })
        return out
    }
}
