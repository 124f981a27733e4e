import ConsentModel
import TerminalKit

/// The detail's "Notes" section (issue 15.1): the model's notes lines, put before the history.
extension Renderer {
    static func withNotes(_ lines: [(text: String, tone: SummaryTone)], _ detail: DetailState) -> [(text: String, tone: SummaryTone)] {
        CustomerSummary.insertingNotes(lines, history: detail.customer == nil ? nil : detail.history) { $0.padded(toWidth: $1) }
    }
}
