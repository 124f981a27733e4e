import Foundation
import Testing
import TestSupport

/// Follow-up on the command line (issue #25 item 4): every customer waiting for an answer,
/// how long, and where the request went; the acceptance link in `show`'s fix.
@Suite("Who is waiting for an answer")
struct WhoIsWaitingTests {
    @Test func requestedListWithoutDaysWaitingOrWhereTheRequestWent() throws {
        let cli = try ScriptContractTests.store()
        for arguments in [["list", "--status", "requested"], ["list", "--waiting-over", "0"]] {
            let result = try cli.call(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            // Before: `--status requested` had neither column, `--waiting-over` no "sent to".
            let header = try #require(lines.first, "\(arguments)")
            #expect(header.contains("Waiting") && header.contains("Request sent to"), "\(arguments): \(header)")
            let fabrikam = try #require(lines.first { $0.contains("Fabrikam") }, "\(arguments): \(result.stdout)")
            #expect(fabrikam.contains("10 days") && fabrikam.contains("Tailspin"), "\(arguments): \(fabrikam)")
            #expect(!result.stdout.contains("Contoso") && !result.stdout.contains("Adatum"), "\(arguments)")
        }
        let chinese = try cli("list", "--status", "requested", "--lang", "zh-Hans")
        #expect(chinese.stdout.contains("请求发送至"), "\(chinese.stdout)")
    }

    @Test func acceptanceLinkMissingFromShowsFixText() throws {
        let cli = try ScriptContractTests.store()
        let shown = try cli("show", "fabrikam.com")
        let lines = shown.stdout.split(separator: "\n")
        let fix = try #require(lines.firstIndex { $0.contains("→ Fix:") }, "\(shown.stdout)")
        #expect(lines[fix + 1].contains("https://aka.ms/customeragreement"), "\(shown.stdout)")
    }
}
