import Foundation
import Testing
import TestSupport

/// Issue 14, item 5 in a real terminal: a save refused because another desk changed the
/// customer reloads the detail and says what changed.
@Suite("The detail after another desk's change (tmux)", .serialized)
struct DetailRefreshTests {
    @Test func aRefusedSaveShowsTheNewRecordAndWhatChanged() throws {
        let dir = TemporaryDirectory("e2e")
        let store = dir.file("store")
        let now = EndToEndTests.now
        let env = ["CONSENTDESK_NOW": now, "CONSENTDESK_ANCHORS": dir.file("anchors.jsonl")]
        _ = try run(Products.consentdesk, ["demo", "--store", store, "--customers", "60", "--seed", "9"], environment: env)
        let missing = try run(Products.consentdesk, ["list", "--store", store, "--status", "missing", "--json"], environment: env).stdout
        let first = try #require(missing.split(separator: "\n").first)
        let target = try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        let tenant = try #require(target["tenantId"] as? String)
        let tmux = try Tmux("env LANG=C.UTF-8 CONSENTDESK_NOW=\(now) \(shellQuote(Products.consentdesk)) --store \(shellQuote(store))")
        try tmux.waitFor("60 customers")
        try tmux.press("/")
        try tmux.type(tenant)
        try tmux.waitFor("1 shown")
        try tmux.press("Enter", "Enter", "c")
        try tmux.waitFor("Confirm acceptance:")
        try tmux.press("Tab", "Tab")
        try tmux.type("Ana")
        try tmux.press("Tab")
        try tmux.type("Souza")
        try tmux.press("Tab")
        try tmux.type("ana.souza@example.com")
        // Another desk confirms the same customer meanwhile.
        let other = try run(Products.consentdesk, ["confirm", tenant, "--store", store, "--first", "Bo", "--last", "Li",
                                                   "--email", "bo.li@example.com", "--date", "2026-11-20"],
                            environment: env.merging(["USER": "bo"]) { $1 })
        #expect(other.status == 0, "\(other.stderr)")
        try tmux.press("C-s")
        let form = try tmux.waitFor("What changed")
        #expect(form.contains("Bo Li"))
        try tmux.press("Escape")
        // Answered once asked: a key already waiting when a question appears is no answer to it.
        try tmux.waitFor("Throw away the changes")
        try tmux.press("y")
        // Once the form is gone the new contact shows in full.
        _ = try tmux.waitFor("Bo Li <bo.li@example.com>")
        let detail = try tmux.waitFor("Another desk changed this customer")
        #expect(detail.contains("Bo Li <bo.li@example.com>"))
        try tmux.press("q")
    }
}
