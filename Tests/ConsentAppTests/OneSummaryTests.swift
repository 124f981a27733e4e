import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// The app's customer detail and `consentdesk show` are one presentation (`CustomerSummary`):
/// for the same customer they print the same lines.
@Suite("One summary of a customer: the app's detail and show agree")
struct OneSummaryTests {
    /// The app's detail of `tenantId`, loaded as the runner loads it, as plain lines.
    func appDetail(_ fixture: AppFixture, _ tenantId: String) throws -> [String] {
        var state = try fixture.state(width: 120, height: 60)
        #expect(state.select { $0.customer.tenantId == tenantId })
        let effects = state.update(.key(.enter))
        guard case .loadDetail(_, let request) = effects.first, case .detail(let detail) = state.screen,
              let loaded = try fixture.store.customer(tenantId) else {
            Issue.record("no detail"); return []
        }
        let history = try fixture.store.history(of: tenantId).map {
            HistoryEntry(seq: $0.seq, at: $0.at, employee: $0.employee, summary: try $0.event().summary)
        }
        _ = state.update(.detailLoaded(loaded.customer, lastSeq: loaded.lastSeq, history: history, request: request))
        _ = detail
        guard case .detail(let shown) = state.screen else { return [] }
        return Renderer.detailLines(state, shown).map { trimmed($0.0) }
    }

    /// What the real binary prints for `show tenantId` on the same store at the same time.
    func show(_ fixture: AppFixture, _ tenantId: String) throws -> [String] {
        let result = try run(Products.consentdesk, ["show", tenantId, "--store", fixture.dir.path],
                             environment: ["CONSENTDESK_NOW": "2026-11-25T12:00:00Z", "USER": "amy",
                                           "CONSENTDESK_ANCHORS": fixture.dir.file("anchors.jsonl")])
        #expect(result.status == 0, "\(result.stderr)")
        var lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map { trimmed(String($0)) }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    func trimmed(_ line: String) -> String {
        var text = Substring(line)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }

    @Test func detailAndShowPrintTheSameLinesForEveryKindOfStatus() throws {
        let fixture = try AppFixture()
        // A withdrawn customer (its subscriptions must be cancelled), an outdated one (the
        // stricter-than-Microsoft note), a requested one (days waiting), a confirmed one.
        let state = try fixture.state()
        var wanted: [ConsentStatus: String] = [:]
        for row in state.listedRows where wanted[row.status] == nil { wanted[row.status] = row.customer.tenantId }
        #expect(wanted[.withdrawn] != nil && wanted[.outdated] != nil && wanted[.requested] != nil)
        for (status, tenantId) in wanted.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let app = try appDetail(fixture, tenantId)
            let cli = try show(fixture, tenantId)
            // The same lines, but for how the fix is done (issue 25.5): the app names its key,
            // show the command, and neither the other's.
            func fixDone(_ lines: [String]) -> [String] {
                lines.map { line in
                    guard line.hasPrefix("  → Fix: ") else { return line }
                    if let key = line.range(of: " (press c)") { return String(line[..<key.lowerBound]) }
                    if let command = line.range(of: "; record it with consentdesk confirm ") { return String(line[..<command.lowerBound]) }
                    return line
                }
            }
            #expect(fixDone(app) == fixDone(cli), "\(status): app and show differ")
            if status.blocksNewPurchases {
                #expect(app.contains { $0.hasPrefix("  → Fix: ") && $0.hasSuffix("(press c)") }, "\(status)")
                #expect(cli.contains { $0.hasPrefix("  → Fix: ") && $0.contains("consentdesk confirm \(tenantId)") }, "\(status)")
                #expect(!cli.contains { $0.contains("press c") }, "\(status)")
            }
            #expect(app.count > 10)
        }
        let withdrawn = try show(fixture, try #require(wanted[.withdrawn]))
        #expect(withdrawn.contains { $0.hasPrefix("! ") && $0.contains("must be cancelled") })
        let outdated = try show(fixture, try #require(wanted[.outdated]))
        #expect(outdated.contains { $0.contains("stricter than Microsoft's FAQ") })
        let requested = try show(fixture, try #require(wanted[.requested]))
        #expect(requested.contains { $0.contains("days waiting") })
    }

    @Test func templatesScreenAndTemplatesListSayTheSameStateForEachTemplate() throws {
        let fixture = try AppFixture()
        // An upcoming template (effective tomorrow) besides the built-in ones.
        try fixture.store.execute(.addTemplate(TemplateDraft(
            templateId: "55555555-6666-4777-8888-999999999999", agreementType: "MicrosoftCustomerAgreement",
            agreementLink: "https://aka.ms/customeragreement", versionRank: "9", effectiveDate: AppFixture.today.adding(days: 1).iso)))
        var state = try fixture.state(width: 140, height: 30)
        state.press(.character("t"))
        let screen = Renderer.render(state).lines
        let result = try run(Products.consentdesk, ["templates", "list", "--store", fixture.dir.path],
                             environment: ["CONSENTDESK_NOW": "2026-11-25T12:00:00Z", "USER": "amy",
                                           "CONSENTDESK_ANCHORS": fixture.dir.file("anchors.jsonl")])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = TemplateSummary(try fixture.store.catalog(), required: try fixture.store.profile().policy.requiredAgreementType,
                                      on: AppFixture.today)
        #expect(summary.rows.count >= 3)
        #expect(summary.rows.contains { $0.state == TemplateState.upcoming(from: AppFixture.today.adding(days: 1)).description })
        for row in summary.rows {
            let cliLine = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix(row.templateId) })
            let appLine = try #require(screen.first { $0.contains(row.templateId) })
            #expect(cliLine.contains(row.state), "templates list: \(row.templateId)")
            #expect(appLine.contains(row.state), "app: \(row.templateId)")
        }
    }
}
