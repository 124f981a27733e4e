import ConsentModel
import ConsentStore
import Foundation
import Testing
import TerminalKit
import TestSupport
@testable import ConsentApp

/// Issue 14, item 13 in the app: the welcome screen and the profile form say what a
/// partner user id is and where to find it; the form requires it and refuses "jdoe".
@Suite("First run: the partner user id explained and checked")
struct FirstRunTests {
    @Test func theWelcomeSaysWhatThePartnerUserIdIsAndWhereToFindIt() throws {
        let state = try AppFixture(customers: 0).state()
        let words = state.screenText.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("partner user id: the Object ID (a GUID) of the Partner Center user who confirms"))
        #expect(words.contains("Partner Center → Account settings → User management"))
    }

    /// Issue 25: the welcome screen still said "Set up your partner profile" after it was
    /// saved. Class: a screen that does not show what the user just did. Once saved, it says
    /// so by name, and the user id reminder goes when the user id is set.
    @Test func theWelcomeSaysTheProfileIsSetOnceItIs() throws {
        let fresh = try AppFixture(customers: 0).state()
        #expect(fresh.screenText.contains("Set up your partner profile"))
        var state = fresh
        state.profile.name = "Northwind Cloud Partners"
        state.profile.defaultUserId = "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f"
        let text = Renderer.render(state).text
        #expect(text.contains("Edit your partner profile (Northwind Cloud Partners)"))
        #expect(!text.contains("Set up your partner profile") && !text.contains("Object ID (a GUID)"))
    }

    /// The profile form with the focus on the default partner user id.
    static func onTheUserId(_ state: inout AppState) -> FormState? {
        state.press(.character("p"))
        for _ in 0..<4 { state.press(.tab) }
        guard case .form(let form) = state.modal, form.fields[form.focus].field == .defaultUserId else { return nil }
        return form
    }

    @Test func theFormMarksItRequiredAndExplainsItWhileTyping() throws {
        var state = try AppFixture().state(width: 100, height: 40)
        let form = try #require(Self.onTheUserId(&state))
        #expect(form.fields[form.focus].required)
        let text = state.screenText
        #expect(text.contains("Default partner user id *"))
        #expect(text.contains("The partner user id is the Object ID (a GUID) of the Partner Center user who"))
        #expect(text.contains("Account settings → User management"))
    }

    @Test func aSignInNameIsRefusedSayingWhatToEnter() throws {
        let fixture = try AppFixture()
        var state = try fixture.state(width: 100, height: 40)
        _ = try #require(Self.onTheUserId(&state))
        state.type("jdoe")
        state.press(.control("s"))
        guard case .form(let form) = state.modal else { Issue.record("the form closed"); return }
        let message = form.errors[.defaultUserId] ?? ""
        #expect(message.contains("\"jdoe\" is not a partner user id"))
        #expect(message.contains("a GUID like"))
        #expect(state.saving == nil)
        #expect(try fixture.store.profile().defaultUserId != "jdoe")
    }

    @Test func anEmptyOneIsRefusedUnlessTheStoreOnlyCollects() throws {
        var state = try AppFixture().state(width: 100, height: 40)
        _ = try #require(Self.onTheUserId(&state))
        state.press(.backspace)
        state.press(.control("s"))
        guard case .form(let form) = state.modal else { Issue.record("the form closed"); return }
        #expect(form.errors[.defaultUserId]?.contains("is required") == true)
        // An indirect reseller's store sends nothing to Microsoft: no user id needed.
        #expect(ConsentRules.defaultUserIdViolations("", role: "indirectReseller") == [])
        #expect(ConsentRules.defaultUserIdViolations("0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f", role: "directBill") == [])
    }
}
