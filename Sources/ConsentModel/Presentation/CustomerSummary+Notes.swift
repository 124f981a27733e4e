/// The customer's notes (issue 15.1) as the detail screen and `show` print them: a "Notes"
/// section, newest first, each with its time (UTC), who wrote it and its text (escaped).
extension CustomerSummary {
    /// The notes section of `history` (nil or no notes: no section).
    public static func noteLines(_ history: [HistoryEntry]?, pad: (String, Int) -> String) -> [(text: String, tone: SummaryTone)] {
        let notes = (history ?? []).filter { $0.note != nil }
        guard !notes.isEmpty else { return [] }
        var out: [(text: String, tone: SummaryTone)] = [("", .plain), (tr("detail.notes"), .heading)]
        for entry in notes.reversed() {
            out.append(("  " + time(entry.at, seconds: false) + "  " + pad(UntrustedText.escaped(entry.employee), 10) + "  "
                        + UntrustedText.escaped(entry.note ?? ""), .plain))
        }
        return out
    }

    /// `lines` (from `lines(pad:)`) with the notes section put just before the history.
    public static func insertingNotes(_ lines: [(text: String, tone: SummaryTone)], history: [HistoryEntry]?,
                                      pad: (String, Int) -> String) -> [(text: String, tone: SummaryTone)] {
        let notes = noteLines(history, pad: pad)
        guard !notes.isEmpty else { return lines }
        let heading = tr("detail.history")
        guard let index = lines.lastIndex(where: { $0.tone == .heading && $0.text == heading }), index > 0 else { return lines + notes }
        var out = lines
        out.insert(contentsOf: notes, at: index - 1)
        return out
    }
}
