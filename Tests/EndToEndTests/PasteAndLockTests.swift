import Foundation
import Testing
import TestSupport

extension Tmux {
    /// Pastes `text` as a terminal paste: tmux's buffer, pasted into the pane at once.
    func paste(_ text: String, through file: String) throws {
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        _ = try shell("tmux -L \(socket) load-buffer \(shellQuote(file))")
        _ = try shell("tmux -L \(socket) paste-buffer -d -t \(session)")
    }
}

extension EndToEndTests {
    /// Opens the confirm form of a missing customer, the cursor in First name.
    func openConfirmForm(_ store: String, _ tmux: Tmux) throws -> String {
        let target = try #require(try customers(store, status: "missing").first)
        let tenant = target["tenantId"] as! String
        try tmux.waitFor("60 customers")
        try tmux.press("/")
        try tmux.type(tenant)
        try tmux.waitFor("1 shown")
        try tmux.press("Enter", "c")
        try tmux.waitFor("Confirm acceptance:")
        try tmux.press("Tab", "Tab")
        return tenant
    }

    @Test func aLargePasteIsCutAndTheAppStillAnswers() throws {
        let dir = TemporaryDirectory("e2e")
        let (store, command) = try demoStore(dir)
        let tmux = try Tmux(command)
        _ = try openConfirmForm(store, tmux)
        // About 200 KB with no line breaks; before the fix this froze the app for minutes.
        try tmux.paste(String(repeating: "Ana Maria Souza Pereira ", count: 8_500), through: dir.file("paste.txt"))
        // Generous bounds: the answer takes well under a second.
        try tmux.waitFor("Cut at 100 characters", timeout: 10)
        try tmux.press("Escape")
        try tmux.waitFor("Throw away the changes", timeout: 10)
        try tmux.press("y")
        try tmux.press("q")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, try tmux.capture().contains("customers") { Thread.sleep(forTimeInterval: 0.1) }
        #expect(try !tmux.capture().contains("60 customers"), "q did not end the app")
    }

    @Test func aSaveWaitingForAnotherDeskSaysSoAndEscKeepsTheForm() throws {
        let dir = TemporaryDirectory("e2e")
        let (store, command) = try demoStore(dir)
        let tmux = try Tmux(command)
        let tenant = try openConfirmForm(store, tmux)
        try tmux.type("Ana")
        try tmux.press("Tab")
        try tmux.type("Souza")
        try tmux.press("Tab")
        try tmux.type("ana.souza@example.com")
        let lock = try WriteLockHolder(dir.file("store/store.sqlite"))
        defer { lock.release() }
        try tmux.press("C-s")
        try tmux.waitFor("Waiting for another desk to finish saving… (Esc cancels)", timeout: 10)
        try tmux.press("Escape")
        // Esc answers although the other desk still holds the store.
        let screen = try tmux.waitFor("Not saved: you cancelled", timeout: 10)
        #expect(screen.contains("Ana") && screen.contains("Souza") && screen.contains("ana.souza@example.com"))
        #expect(!screen.contains("Waiting for another desk"))
        lock.release()
        let show = try run(Products.consentdesk, ["show", "--store", store, tenant], environment: ["CONSENTDESK_NOW": Self.now])
        #expect(!show.stdout.contains("Ana Souza"))
        // The other desk is done: the kept form saves.
        try tmux.press("C-s")
        try tmux.waitFor("Saved: acceptance confirmed", timeout: 15)
        let after = try run(Products.consentdesk, ["show", "--store", store, tenant], environment: ["CONSENTDESK_NOW": Self.now])
        #expect(after.stdout.contains("Ana Souza <ana.souza@example.com>"))
    }
}
