import ConsentModel
import Foundation

/// The evidence pack as one self-contained HTML page: inline CSS, no scripts, no external
/// resources; every text from the store goes through `EvidencePack.escaped` (the one HTML
/// escaping function, after the terminal escaping of control and bidi characters).
extension EvidencePack {
    /// Text for HTML: control, bidi and invisible characters shown escaped (`\u{202E}`), then
    /// `& < > " '` as entities. Safe in element content and in quoted attribute values.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for character in UntrustedText.escaped(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    static let css = """
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;margin:2em auto;max-width:1100px;padding:0 1.5em;color:#1b1f24;background:#fff}
        h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.15em;margin:1.6em 0 .4em;border-bottom:2px solid #d0d7de;padding-bottom:.2em}
        .meta{color:#57606a;margin:0 0 1em}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3em .6em;border-bottom:1px solid #eaeef2}
        th{background:#f6f8fa;font-weight:600}td.label{width:14em;color:#57606a}.mono,code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.82em;word-break:break-all}
        .good{color:#1a7f37}.bad{color:#cf222e;font-weight:600}.warning,.outdated{color:#9a6700}.dim{color:#6e7781}
        tr.voided td.what{text-decoration:line-through;color:#6e7781}.voidnote{color:#cf222e;font-size:.9em}
        .when{white-space:nowrap}.head{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.6em 1em}footer{margin-top:2em;color:#57606a;font-size:.9em}
        pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:.6em 1em;border-radius:6px}
        """

    /// The page.
    public func html() -> String {
        let e = Self.escaped
        let evaluator = self.evaluator
        let summary = CustomerSummary(customer, evaluator: evaluator, today: day, history: [])
        var page = "<!DOCTYPE html>\n<html lang=\"\(e(tr("evidence.htmlLang")))\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<title>\(e(tr("evidence.title", customer.companyName)))</title>\n<style>\n\(Self.css)\n</style>\n</head>\n<body>\n"
        page += "<h1>\(e(tr("evidence.title", customer.companyName)))</h1>\n"
        page += "<p class=\"meta\">\(e(tr("evidence.madeAt", ISO8601.string(madeAt), profile.name, day.iso)))</p>\n"
        page += "<div class=\"head\">\(e(tr("evidence.head", head.seq))) <code>\(e(head.hash))</code></div>\n"
        // The status, gate, confirmation and subscriptions exactly as `show` and the app say them.
        for section in summary.sections where section.title != tr("detail.history") {
            page += "<h2>\(e(section.title ?? tr("evidence.customer")))</h2>\n<table>\n"
            for line in section.lines {
                let tone = Self.cssClass(line.tone)
                if let label = line.label {
                    page += "<tr><td class=\"label\">\(e(label))</td><td class=\"\(tone)\">\(e(line.text))</td></tr>\n"
                } else {
                    page += "<tr><td colspan=\"2\" class=\"\(tone)\">\(e(line.text))</td></tr>\n"
                }
            }
            if section.title == tr("detail.confirmation"), let c = customer.confirmation,
               let template = catalog.template(id: c.templateId) {
                let link = template.agreementLink
                let shown = link.lowercased().hasPrefix("https://") || link.lowercased().hasPrefix("http://")
                    ? "<a href=\"\(e(link))\">\(e(link))</a>" : e(link)
                page += "<tr><td class=\"label\">\(e(tr("field.agreementLink")))</td><td>\(shown)</td></tr>\n"
            }
            page += "</table>\n"
        }
        page += "<h2>\(e(tr("detail.notes")))</h2>\n"
        if notes.isEmpty {
            page += "<p class=\"dim\">—</p>\n"
        } else {
            page += "<table>\n<tr><th>#</th><th>\(e(tr("col.when")))</th><th>\(e(tr("col.who")))</th><th>\(e(tr("field.note")))</th></tr>\n"
            for note in notes {
                page += "<tr><td>\(note.seq)</td><td class=\"when\">\(e(Self.when(note.at)))</td><td>\(e(note.employee))</td><td>\(e(note.text))</td></tr>\n"
            }
            page += "</table>\n"
        }
        page += "<h2>\(e(tr("detail.history")))</h2>\n<table>\n<tr><th>#</th><th>\(e(tr("col.when")))</th><th>\(e(tr("col.who")))</th>"
        page += "<th>\(e(tr("field.partnerUserId")))</th><th>\(e(tr("col.what")))</th><th>\(e(tr("evidence.hash")))</th></tr>\n"
        let (decoded, voids) = decoded
        for (stored, event) in zip(events, decoded) {
            let void = voids[stored.seq]
            page += "<tr\(void == nil ? "" : " class=\"voided\"")><td>\(stored.seq)</td><td class=\"when\">\(e(Self.when(ISO8601.string(stored.at))))</td>"
            page += "<td>\(e(stored.employee))</td><td class=\"mono\">\(e(stored.userId))</td>"
            page += "<td class=\"what\">\(e(event?.summary ?? stored.kind))</td>"
            page += "<td class=\"mono\">\(e(stored.hash))<br><span class=\"dim\">\(e(tr("evidence.prev"))) \(e(stored.previousHash))</span></td></tr>\n"
            if let void {
                page += "<tr class=\"voidrow\"><td></td><td colspan=\"5\" class=\"voidnote\">\(e(tr("evidence.voidedBy", void.by, void.reason)))</td></tr>\n"
            }
        }
        page += "</table>\n"
        page += proofSection()
        page += "<footer>\(e(tr("evidence.footer")))</footer>\n</body>\n</html>\n"
        return page
    }

    /// The proof: the signed checkpoint, the statement of the customer's events, and each
    /// event's leaf index and inclusion proof; or why the pack has none.
    func proofSection() -> String {
        let e = Self.escaped
        var page = "<h2>\(e(tr("evidence.proof.title")))</h2>\n"
        guard let proof else { return page + "<p class=\"warning\">\(e(tr("evidence.proof.none")))</p>\n" }
        page += "<p>\(e(tr("evidence.proof.explain", proof.treeSize)))</p>\n"
        page += "<h3>\(e(tr("evidence.proof.checkpoint")))</h3>\n<pre class=\"mono\">\(e(proof.checkpoint))</pre>\n"
        page += "<h3>\(e(tr("evidence.proof.statement")))</h3>\n"
        if let statement = proof.customerEvents {
            page += "<pre class=\"mono\">\(e(statement))</pre>\n"
        } else {
            page += "<p class=\"warning\">\(e(tr("evidence.proof.noStatement")))</p>\n"
        }
        page += "<table>\n<tr><th>#</th><th>\(e(tr("evidence.proof.leaf")))</th><th>\(e(tr("evidence.proof.path")))</th></tr>\n"
        for stored in events {
            let path = proof.inclusion[stored.seq]?.map(\.base64).joined(separator: "<br>") ?? ""
            page += "<tr><td>\(stored.seq)</td><td>\(stored.seq - 1)</td><td class=\"mono\">\(path)</td></tr>\n"
        }
        return page + "</table>\n"
    }

    /// `2026-11-25T12:00:00.000Z` as `2026-11-25 12:00:00` (the column says UTC).
    static func when(_ iso: String) -> String {
        String(iso.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    static func cssClass(_ tone: SummaryTone) -> String {
        switch tone {
        case .good: return "good"
        case .bad: return "bad"
        case .warning: return "warning"
        case .outdated: return "outdated"
        case .dim: return "dim"
        default: return ""
        }
    }
}
