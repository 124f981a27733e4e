import Foundation

/// The one presentation of a customer: what the app's detail screen draws and what
/// `consentdesk show` prints, so the two cannot differ. Values from the store are
/// escaped here (`UntrustedText.escaped`); labels come from the catalogue.
public struct CustomerSummary: Sendable, Hashable {
    /// Who reads the summary, which decides how the fix is said: only the app names keys.
    public enum Reader: Sendable, Hashable {
        /// The app's detail screen: the fix names the key that does it.
        case app
        /// `consentdesk show`: the fix names the command that records it.
        case commandLine
        /// An evidence pack: the fix in words only.
        case auditor
    }

    /// The company name, escaped.
    public let title: String
    /// The status and identity fields first (untitled), then the titled sections.
    public let sections: [SummarySection]

    /// The summary of `customer` on `today`. `subscriptionsLoaded` is false while only the
    /// list's copy (without subscriptions) is known; `history` is nil until it is read.
    /// `reader` decides how the fix is said (keys only for the app).
    public init(_ customer: Customer, evaluator: ConsentEvaluator, today: Day,
                subscriptionsLoaded: Bool = true, history: [HistoryEntry]?, reader: Reader = .auditor) {
        func safe(_ text: String) -> String { UntrustedText.escaped(text) }
        let profile = evaluator.profile
        let report = evaluator.status(of: customer, today: today)
        let status = report.status
        title = safe(customer.companyName)
        var sections: [SummarySection] = []

        var identity: [SummaryLine] = []
        var statusText = status.marker + " " + status.label(for: profile.role)
        if let reason = report.outdatedReason { statusText += " — " + safe(reason.description) }
        identity.append(.field(tr("col.status"), statusText, SummaryTone(status)))
        if status == .outdated { identity.append(.note(tr("summary.stricterOutdated"), .dim)) }
        identity.append(.field(tr("field.tenantId"), safe(customer.tenantId)))
        identity.append(.field(tr("field.domains"), safe(customer.domains.joined(separator: ", "))))
        identity.append(.field(tr("field.country"), safe(customer.country)))
        identity.append(.field(tr("field.cloud"), customer.cloud.displayName))
        if let id = customer.resellerId { identity.append(.field(tr("field.reseller"), safe(profile.reseller(id)?.name ?? id))) }
        sections.append(SummarySection(title: nil, lines: identity))

        var gate: [SummaryLine] = []
        var fixes: [String] = []
        for transaction in Transaction.allCases {
            switch evaluator.check(customer, transaction, channel: .api, asOf: today) {
            case .allowed(let note):
                gate.append(.field(transaction.displayName, tr("gate.allowed") + (note.map { " " + safe($0) } ?? ""),
                                   note == nil ? .good : .warning))
            case .blocked(let reason, let fix):
                gate.append(.field(transaction.displayName, tr("detail.blockedBecause", safe(reason)), .bad))
                if !fixes.contains(safe(fix)) { fixes.append(safe(fix)) }
            }
        }
        let confirmable = report.requiredTemplate != nil
        gate += fixes.map { fix in
            switch reader {
            case .app: return .note(tr(confirmable ? "detail.fix" : "detail.fix.words", fix), .accent)
            case .commandLine:
                return .note(confirmable ? tr("detail.fix.command", fix, safe(customer.tenantId)) : tr("detail.fix.words", fix), .accent)
            case .auditor: return .note(tr("detail.fix.words", fix), .accent)
            }
        }
        // What the support worker says to the caller: where the customer accepts.
        if !fixes.isEmpty, let template = report.requiredTemplate, reader != .auditor {
            let link = template.agreementLink.trimmingCharacters(in: .whitespaces)
            gate.append(.note(link.isEmpty ? tr("detail.tellCustomer.noLink", template.agreementType.displayName)
                                           : tr("detail.tellCustomer", template.agreementType.displayName, safe(link)), .accent))
        }
        sections.append(SummarySection(title: tr("detail.gate"), lines: gate))

        var confirmation: [SummaryLine] = []
        if let c = customer.confirmation {
            let template = evaluator.catalog.template(id: c.templateId)
            confirmation.append(.field(tr("field.template"), safe(c.agreementType.displayName)
                + (template.flatMap { $0.rankLabel(in: evaluator.catalog) }.map { " · " + $0 } ?? "") + " (\(safe(c.templateId)))"))
            confirmation.append(.field(tr("field.dateAgreed"), c.dateAgreed.iso))
            confirmation.append(.field(tr("detail.contact"),
                safe("\(c.contact.fullName) <\(c.contact.email)>" + (c.contact.phoneNumber.map { "  \($0)" } ?? ""))))
            // Rule 5's warning stays on the detail after saving, not only in the save's message.
            if let warning = ConsentRules.emailWarning(c.contact.email, for: customer) {
                confirmation.append(SummaryLine(label: nil, text: warning.description, tone: .warning, marker: "⚠"))
            }
            confirmation.append(.field(tr("field.partnerUserId"), safe(c.partnerUserId)))
            confirmation.append(.field(tr("field.employee"), safe(c.employee)))
            confirmation.append(.field(tr("field.evidence"), safe(c.evidence ?? "—")))
            if let r = c.collectedByResellerId { confirmation.append(.field(tr("field.reseller"), safe(profile.reseller(r)?.name ?? r))) }
            confirmation.append(.field(tr("detail.recordedAt"), Self.time(c.recordedAt, seconds: true) + " UTC"))
        } else {
            confirmation.append(.note(tr("detail.noConfirmation"), .bad))
        }
        if let r = customer.request {
            confirmation.append(.field(tr("detail.request"), safe(r.sentTo) + ", " + r.date.iso
                + (report.daysWaiting.map { " (" + tr("detail.daysWaiting", $0) + ")" } ?? "")))
            if let note = r.note { confirmation.append(.field(tr("detail.requestNote"), safe(note))) }
        }
        if let w = customer.withdrawal { confirmation.append(.field(tr("detail.withdrawal"), w.date.iso + ": " + safe(w.reason), .bad)) }
        sections.append(SummarySection(title: tr("detail.confirmation"), lines: confirmation))

        var subscriptions: [SummaryLine] = []
        if !subscriptionsLoaded {
            subscriptions.append(.note(tr("app.loading"), .dim))
        } else if customer.subscriptions.isEmpty {
            subscriptions.append(.note("—", .dim))
        }
        if subscriptionsLoaded {
            for s in customer.subscriptions {
                var text = "\(safe(s.offer)) · \(tr("detail.seats", s.seats)) · \(s.autoRenew ? tr("detail.autoRenew") : tr("detail.manualRenew"))"
                if let renewal = s.renewalDate { text += " · \(renewal.iso)" }
                if status == .withdrawn {
                    subscriptions.append(SummaryLine(label: nil, text: text + "  — " + tr("detail.mustCancel"), tone: .bad, marker: "!"))
                } else {
                    subscriptions.append(.note(text))
                }
            }
        }
        sections.append(SummarySection(title: tr("detail.subscriptions"), lines: subscriptions))

        // The customer's notes, newest first, before the history (issue 15.1).
        let notes = (history ?? []).filter { $0.note != nil }
        if !notes.isEmpty {
            sections.append(SummarySection(title: tr("detail.notes"), lines: notes.reversed().map { entry in
                SummaryLine(columns: [(Self.time(entry.at, seconds: false), nil), (safe(entry.employee), 10), (safe(entry.note ?? ""), nil)])
            }))
        }

        var historyLines: [SummaryLine] = []
        if let history {
            // The event numbers padded to the widest, so the times and texts line up.
            let numberWidth = (history.map { "#\($0.seq)".count }.max() ?? 0)
            for entry in history.reversed() {
                historyLines.append(SummaryLine(columns: [("#\(entry.seq)", numberWidth), (Self.time(entry.at, seconds: false), nil),
                                                          (safe(entry.employee), 10), (safe(entry.summary), nil)]))
            }
        } else {
            historyLines.append(.note(tr("app.loading"), .dim))
        }
        sections.append(SummarySection(title: tr("detail.history"), lines: historyLines))
        self.sections = sections
    }

    /// "2026-11-20 10:15" (UTC), with ":ss" when `seconds`.
    static func time(_ date: Date, seconds: Bool) -> String {
        String(ISO8601.string(date).prefix(seconds ? 19 : 16)).replacingOccurrences(of: "T", with: " ")
    }

    /// The summary laid out as lines: the title, then each section (a blank line and its
    /// title first), fields as "  label  value" with labels padded by `pad` to `labelWidth`.
    /// The app draws these lines; `show` prints them.
    public func lines(labelWidth: Int = 20, pad: (String, Int) -> String) -> [(text: String, tone: SummaryTone)] {
        layout(labelWidth: labelWidth, pad: pad).map { ($0.text, $0.tone) }
    }

    /// `lines`, each with the column its text continues at when a screen wraps it: under
    /// the value for a field, under the entry's text for a history line, under the text
    /// for a note (so wrapped lines line up with what they continue).
    public func layout(labelWidth: Int = 20, pad: (String, Int) -> String,
                       width: (String) -> Int = { $0.count }) -> [(text: String, tone: SummaryTone, indent: Int)] {
        var out: [(text: String, tone: SummaryTone, indent: Int)] = [(title, .title, 0)]
        for section in sections {
            if let heading = section.title {
                out.append(("", .plain, 0))
                out.append((heading, .heading, 0))
            }
            for line in section.lines {
                let lead = line.marker.map { String($0) + " " } ?? "  "
                if !line.columns.isEmpty {
                    let texts = line.columns.map { column in column.width.map { pad(column.text, $0) } ?? column.text }
                    let before = lead + texts.dropLast().map { $0 + "  " }.joined()
                    out.append((before + (texts.last ?? ""), line.tone, width(before)))
                } else if let label = line.label {
                    let before = lead + pad(label, labelWidth) + " "
                    out.append((before + line.text, line.tone, width(before)))
                } else {
                    // A note led by a sign ("→ Fix: …") continues under its words.
                    let chars = Array(line.text)
                    let hanging = chars.count > 2 && !chars[0].isLetter && !chars[0].isNumber && chars[1] == " " ? String(chars[0...1]) : ""
                    out.append((lead + line.text, line.tone, width(lead + hanging)))
                }
            }
        }
        return out
    }
}

/// One part of a summary: a title (nil for the first, untitled part) and its lines.
public struct SummarySection: Sendable, Hashable {
    public let title: String?
    public let lines: [SummaryLine]
}

/// One line of a summary: a labelled field or a free line, with its tone.
public struct SummaryLine: Sendable, Hashable {
    public let label: String?
    public let text: String
    public let tone: SummaryTone
    /// Drawn in the margin, so the line stands out without colour ("!" must be cancelled).
    public let marker: Character?
    /// A line of columns instead (a history entry): each text padded to its width, if any.
    public let columns: [SummaryColumn]

    public init(label: String?, text: String, tone: SummaryTone = .plain, marker: Character? = nil) {
        self.label = label
        self.text = text
        self.tone = tone
        self.marker = marker
        columns = []
    }

    init(columns: [(String, Int?)]) {
        label = nil
        text = columns.map(\.0).joined(separator: "  ")
        tone = .plain
        marker = nil
        self.columns = columns.map { SummaryColumn(text: $0.0, width: $0.1) }
    }

    static func field(_ label: String, _ value: String, _ tone: SummaryTone = .plain) -> SummaryLine {
        SummaryLine(label: label, text: value, tone: tone)
    }

    static func note(_ text: String, _ tone: SummaryTone = .plain) -> SummaryLine {
        SummaryLine(label: nil, text: text, tone: tone)
    }
}

/// One column of a summary line.
public struct SummaryColumn: Sendable, Hashable {
    public let text: String
    public let width: Int?
}

/// What a summary line means, for the app to colour (the command line prints it plain).
public enum SummaryTone: Sendable, Hashable {
    case plain, title, heading, good, warning, bad, outdated, accent, dim

    /// The tone of a status.
    public init(_ status: ConsentStatus) {
        switch status {
        case .withdrawn, .missing, .requested: self = .bad
        case .outdated: self = .outdated
        case .notApplicable: self = .dim
        case .confirmed: self = .plain
        }
    }
}

/// One line of a customer's history, as the summary shows it.
public struct HistoryEntry: Sendable, Hashable {
    public let seq: Int64
    public let at: Date
    public let employee: String
    public let summary: String
    /// The void that voided this event (rule 12), if one did.
    public var voidedBy: Int64?
    /// Whether this event can be voided: a confirmation, request or withdrawal not voided yet.
    public var isVoidable = false
    /// The stored kind (`confirmed`, `voided`, …).
    public var kind = ""
    /// A note's text as written (unescaped), when this entry is a note.
    public var note: String?

    public init(seq: Int64, at: Date, employee: String, summary: String) {
        self.seq = seq
        self.at = at
        self.employee = employee
        self.summary = summary
    }
}

extension ConsentStatus {
    /// The mark before the status where colour may be missing: "!" blocked with no
    /// acceptance, "~" outdated, "-" not applicable, " " confirmed.
    public var marker: String {
        switch self {
        case .withdrawn, .missing, .requested: return "!"
        case .outdated: return "~"
        case .notApplicable: return "-"
        case .confirmed: return " "
        }
    }
}
