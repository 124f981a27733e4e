import Foundation
import Testing
import TestSupport

/// The real binary in tmux: what a person sees and types.
@Suite("End to end in a real terminal", .serialized, .enabled(if: haveTool("tmux"), "needs tmux"))
struct EndToEndTests {
    static let now = "2026-11-25T12:00:00Z"

    /// A demo store and the command that opens the app on it.
    func demoStore(_ dir: TemporaryDirectory, customers: Int = 60, env: String = "LANG=C.UTF-8") throws -> (store: String, command: String) {
        let store = dir.file("store")
        let result = try run(Products.consentdesk, ["demo", "--store", store, "--customers", "\(customers)", "--seed", "9"],
                             environment: ["CONSENTDESK_NOW": Self.now])
        #expect(result.status == 0, "\(result.stderr)")
        return (store, "env \(env) CONSENTDESK_NOW=\(Self.now) \(shellQuote(Products.consentdesk)) --store \(shellQuote(store))")
    }

    func customers(_ store: String, status: String) throws -> [[String: Any]] {
        let out = try run(Products.consentdesk, ["list", "--store", store, "--status", status, "--json"],
                          environment: ["CONSENTDESK_NOW": Self.now]).stdout
        return try out.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }

    @Test func findABlockedCustomerConfirmItAndSeeItConfirmed() throws {
        let dir = TemporaryDirectory("e2e")
        let (store, command) = try demoStore(dir)
        let tmux = try Tmux(command)
        try tmux.waitFor("60 customers")
        // Blocked rows are red, with a "!" marker.
        let coloured = try tmux.capture(escapes: true).split(separator: "\n")
        let blockedLine = try #require(coloured.first { $0.contains("! missing") })
        #expect(blockedLine.contains("31m") || blockedLine.contains("41m"), "\(blockedLine)")
        // Filter to one missing customer and confirm it through the form.
        let target = try #require(try customers(store, status: "missing").first)
        let name = target["companyName"] as! String
        let tenant = target["tenantId"] as! String
        try tmux.press("/")
        try tmux.type(tenant)
        try tmux.waitFor("1 shown")
        try tmux.press("Enter", "c")
        try tmux.waitFor("Confirm acceptance:")
        try tmux.press("Tab", "Tab")
        try tmux.type("Ana")
        try tmux.press("Tab")
        try tmux.type("Souza")
        try tmux.press("Tab")
        try tmux.type("ana.souza@example.com")
        try tmux.press("C-s")
        let screen = try tmux.waitFor("Saved: acceptance confirmed")
        #expect(screen.contains("  confirmed"))
        // The command line sees the new confirmation in the file.
        let show = try run(Products.consentdesk, ["show", "--store", store, tenant], environment: ["CONSENTDESK_NOW": Self.now])
        #expect(show.stdout.contains("Ana Souza <ana.souza@example.com>"))
        #expect(show.stdout.contains("confirmed"))
        #expect(show.stdout.contains(name))
        try tmux.press("q")
    }

    /// The cursor follows the customer (issue 14.4): chosen through the filter, it stays
    /// chosen when the filter is cleared, the view switched and the sort reversed, so Enter
    /// opens that customer and no other.
    @Test func theCursorStaysOnTheChosenCustomerThroughFilterViewAndSort() throws {
        let dir = TemporaryDirectory("e2e")
        let (store, command) = try demoStore(dir)
        let outdated = try customers(store, status: "outdated")
        let target = try #require(outdated.dropFirst(outdated.count / 2).first)
        let tenant = target["tenantId"] as! String
        let tmux = try Tmux(command, width: 120, height: 35)
        try tmux.waitFor("60 customers")
        try tmux.press("/")
        try tmux.type(tenant)
        try tmux.waitFor("1 shown")
        try tmux.press("Enter", "Escape")
        try tmux.waitFor("Sort: Company ▲")
        try tmux.press("b")
        try tmux.waitFor("View: blocked")
        try tmux.press("S")
        try tmux.waitFor("Sort: Company ▼")
        try tmux.press("Enter")
        let detail = try tmux.waitFor("Fix:")
        #expect(detail.contains(tenant), "\(detail)")
        #expect(detail.contains(target["companyName"] as! String))
        try tmux.press("q")
    }

    @Test func detailShowsWhyACustomerIsBlocked() throws {
        let dir = TemporaryDirectory("e2e")
        let (store, command) = try demoStore(dir)
        let target = try #require(try customers(store, status: "outdated").first)
        let tmux = try Tmux(command)
        try tmux.waitFor("60 customers")
        try tmux.press("/")
        try tmux.type(target["tenantId"] as! String)
        try tmux.press("Enter", "Enter")
        let screen = try tmux.waitFor("Fix:")
        #expect(screen.contains("Blocked: the confirmation is outdated"))
        #expect(screen.contains("Microsoft Customer Agreement"))
    }

    @Test func resizeRelaysAndTooSmallRecovers() throws {
        let dir = TemporaryDirectory("e2e")
        let (_, command) = try demoStore(dir)
        let tmux = try Tmux(command, width: 120, height: 35)
        try tmux.waitFor("60 customers")
        try tmux.resize(width: 30, height: 8)
        try tmux.waitFor("too small")
        try tmux.resize(width: 90, height: 25)
        let screen = try tmux.waitFor("60 customers")
        #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 90 })
    }

    /// Runs the app, then records the terminal settings once it has gone.
    func sanityRun(_ dir: TemporaryDirectory, stop: (Tmux) throws -> Void) throws -> String {
        let (_, command) = try demoStore(dir)
        let settings = dir.file("stty.txt")
        let tmux = try Tmux("sh -c \(shellQuote("\(command); stty -a > \(settings).tmp && mv \(settings).tmp \(settings)"))")
        try tmux.waitFor("60 customers")
        try stop(tmux)
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline, (try? String(contentsOfFile: settings, encoding: .utf8)) == nil { Thread.sleep(forTimeInterval: 0.1) }
        return try String(contentsOfFile: settings, encoding: .utf8)
    }

    /// Ways the app can end: each must leave the terminal as it found it.
    enum Ending: String, CaseIterable {
        case quitKey, controlC, sigterm, crashSignal
    }

    @Test(arguments: Ending.allCases)
    func endingLeavesTheTerminalSane(_ ending: Ending) throws {
        let stty = try sanityRun(TemporaryDirectory("e2e")) { tmux in
            switch ending {
            case .quitKey: try tmux.press("q")
            case .controlC: try tmux.press("C-c")
            // A fatal signal, as a crash raises: the handler gives the terminal back, then dies.
            case .sigterm, .crashSignal:
                let signal = ending == .sigterm ? "TERM" : "SEGV"
                _ = try shell("pkill -\(signal) -P \(try tmux.panePid()) consentdesk")
            }
        }
        #expect(stty.contains(" icanon") && !stty.contains("-icanon"), "\(ending)")
        #expect(stty.contains(" echo ") && !stty.contains("-echo "), "\(ending)")
    }

    @Test func withoutColourBlockedRowsStillStandOut() throws {
        let dir = TemporaryDirectory("e2e")
        let (_, command) = try demoStore(dir, env: "LANG=C.UTF-8 TERM=vt100")
        let tmux = try Tmux(command)
        try tmux.waitFor("60 customers")
        let screen = try tmux.capture(escapes: true)
        #expect(!screen.contains("[31m") && !screen.contains(";31m"), "colour on a vt100")
        #expect(screen.contains("! missing"))
        #expect(screen.contains("~ outdated"))
        let blockedLine = try #require(screen.split(separator: "\n").first { $0.contains("! missing") })
        #expect(blockedLine.contains("[1m") || blockedLine.contains("[7m"), "blocked rows are bold or reversed: \(blockedLine)")
    }

    @Test func anotherDesksConfirmationAppearsWithoutAKeystroke() throws {
        let dir = TemporaryDirectory("e2e")
        let (store, command) = try demoStore(dir)
        let target = try #require(try customers(store, status: "missing").first)
        let tenant = target["tenantId"] as! String
        let tmux = try Tmux(command)
        try tmux.waitFor("60 customers")
        try tmux.press("/")
        try tmux.type(tenant)
        try tmux.press("Enter")
        try tmux.waitFor("! missing")
        let confirm = try run(Products.consentdesk, ["confirm", "--store", store, tenant, "--first", "Bo", "--last", "Li",
                                                     "--email", "bo@example.com", "--date", "2026-11-20", "--employee", "bo"],
                              environment: ["CONSENTDESK_NOW": Self.now])
        #expect(confirm.status == 0, "\(confirm.stderr)")
        let screen = try tmux.waitFor("changed by another desk", timeout: 3)
        #expect(screen.contains("  confirmed"))
        #expect(!screen.contains("! missing"))
    }

    @Test func anEmptyStoreOffersDemoDataInOneKeystroke() throws {
        let dir = TemporaryDirectory("e2e")
        let tmux = try Tmux("env LANG=C.UTF-8 \(shellQuote(Products.consentdesk)) --store \(shellQuote(dir.file("empty")))")
        try tmux.waitFor("Welcome to ConsentDesk")
        try tmux.press("d")
        try tmux.waitFor("300 customers")
    }

    /// Terminal columns of a character (East Asian wide ranges take two).
    static func columns(_ character: Character) -> Int {
        let v = character.unicodeScalars.first!.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
        return wide ? 2 : 1
    }

    @Test func simplifiedChineseLabelsAndAlignedColumns() throws {
        let dir = TemporaryDirectory("e2e")
        let (_, command) = try demoStore(dir, env: "LANG=zh_CN.UTF-8 LC_ALL=")
        let tmux = try Tmux(command, width: 120, height: 30)
        let screen = try tmux.waitFor("60 个客户")
        #expect(screen.contains("状态"))
        #expect(screen.contains("确认接受"))
        // Every date in the accepted column starts at the same display column.
        var starts = Set<Int>()
        for line in screen.split(separator: "\n") {
            guard let range = line.range(of: #"\d{4}-\d{2}-\d{2}"#, options: .regularExpression) else { continue }
            starts.insert(line[..<range.lowerBound].reduce(0) { $0 + Self.columns($1) })
        }
        #expect(starts.count == 1, "\(starts)")
    }
}
