import Foundation
import Testing
import TestSupport

/// Marks and a bulk request in the real app, in tmux; the mouse through the terminal's own
/// mouse reports (X10 sequences, as xterm and tmux send them).
@Suite("Bulk work end to end", .serialized, .enabled(if: haveTool("tmux"), "needs tmux"))
struct BulkWorkEndToEndTests {
    static let now = EndToEndTests.now

    @Test func markTwoWaitingCustomersAndRecordOneRequestForBoth() throws {
        let dir = TemporaryDirectory("e2e-bulk")
        let (store, command) = try EndToEndTests().demoStore(dir)
        let env = ["CONSENTDESK_NOW": Self.now]
        let waiting = try run(Products.consentdesk, ["list", "--store", store, "--waiting-over", "14", "--json"], environment: env).stdout
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(waiting.count >= 2)
        let firstTwo = waiting.prefix(2).compactMap { $0["tenantId"] as? String }
        let tmux = try Tmux(command)
        try tmux.waitFor("60 customers")
        try tmux.press("W")
        try tmux.waitFor("waiting over 14 days")
        try tmux.press("Space", "Space")
        let marked = try tmux.waitFor("2 marked")
        #expect(marked.split(separator: "\n").filter { $0.hasPrefix("*") }.count == 2)
        try tmux.press("r")
        try tmux.waitFor("Record a request for 2 marked customers")
        try tmux.type("Tailspin Resellers")
        try tmux.press("C-s")
        try tmux.waitFor("Request recorded for 2 customers in one transaction")
        // The file holds both requests, one event each, and its history verifies.
        for id in firstTwo {
            let shown = try run(Products.consentdesk, ["show", "--store", store, id, "--json"], environment: env).stdout
            let object = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any]
            let request = object?["request"] as? [String: Any]
            #expect(request?["sentTo"] as? String == "Tailspin Resellers")
            #expect(request?["date"] as? String == "2026-11-25")
        }
        #expect(try run(Products.consentdesk, ["verify", "--store", store], environment: env).status == 0)
        try tmux.press("q")
    }

    @Test func aClickSelectsADoubleClickOpensWhereTheTerminalReportsTheMouse() throws {
        let dir = TemporaryDirectory("e2e-mouse")
        let (store, command) = try EndToEndTests().demoStore(dir)
        // The fifth customer in company order is on screen row 7 (below the title, counts and header).
        let listed = try run(Products.consentdesk, ["list", "--store", store, "--json"], environment: ["CONSENTDESK_NOW": Self.now]).stdout
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        let company = try #require(listed.dropFirst(4).first?["companyName"] as? String)
        let tmux = try Tmux(command)
        let screen = try tmux.waitFor("60 customers")
        #expect(screen.split(separator: "\n", omittingEmptySubsequences: false)[7].contains(String(company.prefix(10))))
        // A click there (press and release, X10 encoding: ESC [ M, button+32, column+33, row+33).
        try tmux.mouse(button: 0, x: 20, y: 7)
        try tmux.mouse(button: 3, x: 20, y: 7)
        try tmux.mouse(button: 0, x: 20, y: 7)
        try tmux.mouse(button: 3, x: 20, y: 7)
        try tmux.waitFor("Transactions")
        #expect(try tmux.capture().contains(company))
        try tmux.press("q")
    }
}

extension Tmux {
    /// Sends one X10 mouse report (ESC [ M b x y) to the app as the terminal would.
    func mouse(button: Int, x: Int, y: Int) throws {
        let bytes = [0x1B, 0x5B, 0x4D, 32 + button, 33 + x, 33 + y].map { String(format: "%02x", $0) }.joined(separator: " ")
        _ = try shell("tmux -L \(socket) send-keys -t \(session) -H \(bytes)")
    }
}
