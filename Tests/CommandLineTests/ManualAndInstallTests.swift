import Foundation
import Testing
import TestSupport

/// Issue 22.9: a manual page and shell completions generated from the command definitions,
/// and `scripts/install` putting them where a Linux user expects them.
@Suite("The manual page, completions and scripts/install")
struct ManualAndInstallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    @Test func theManualPageIsWhatTheCommandDefinitionsSayAndRendersWithoutWarnings() throws {
        let generated = try shell("python3 \(shellQuote(Self.path("scripts/manual"))) \(shellQuote(Products.consentdesk))")
        #expect(generated.status == 0, "\(generated.stderr)")
        let page = Self.path("docs/consentdesk.1")
        if ProcessInfo.processInfo.environment["MANUAL_RECORD"] == "1" {
            try generated.stdout.write(toFile: page, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOfFile: page, encoding: .utf8)
        #expect(committed == generated.stdout, "docs/consentdesk.1 differs from the commands; run MANUAL_RECORD=1 swift test --filter ManualAndInstallTests")
        let rendered = try shell("groff -man -Tutf8 -ww -z \(shellQuote(page))")
        #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(rendered.stderr)")
        for command in ["list", "confirm", "verify", "evidence", "key init", "checkpoint", "verify-evidence"] {
            #expect(committed.contains(".SS consentdesk \(command.replacingOccurrences(of: "-", with: "\\-"))"), "\(command)")
        }
    }

    @Test func installPutsTheBinaryManualAndCompletionsUnderThePrefixAndBashLoadsThem() throws {
        let dir = TemporaryDirectory("install")
        let prefix = dir.file("prefix")
        let installed = try shell("\(shellQuote(Self.path("scripts/install"))) \(shellQuote(prefix))",
                                  environment: ["CONSENTDESK_BINARY": Products.consentdesk])
        #expect(installed.status == 0, "\(installed.stderr)")
        let binary = prefix + "/bin/consentdesk"
        for file in [binary, prefix + "/share/man/man1/consentdesk.1", prefix + "/share/bash-completion/completions/consentdesk",
                     prefix + "/share/zsh/site-functions/_consentdesk", prefix + "/share/fish/vendor_completions.d/consentdesk.fish"] {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int, "\(file)")
            #expect(size > 0, "\(file)")
        }
        #expect(try run(binary, ["--version"]).status == 0)
        // bash loads the completion, and it completes the commands.
        let completion = prefix + "/share/bash-completion/completions/consentdesk"
        let loaded = try shell("bash -c \(shellQuote("source \(shellQuote(completion)) && complete -p consentdesk"))")
        #expect(loaded.status == 0 && loaded.stdout.contains("consentdesk"), "\(loaded.stderr)")
        let words = try shell("bash -c \(shellQuote("source \(shellQuote(completion)); COMP_WORDS=(consentdesk ver); COMP_CWORD=1; COMP_LINE='consentdesk ver'; COMP_POINT=15; _consentdesk; printf '%s\\n' \"${COMPREPLY[@]}\""))",
                              environment: ["PATH": prefix + "/bin:" + (ProcessInfo.processInfo.environment["PATH"] ?? "")])
        #expect(words.stdout.contains("verify"), "\(words.stdout) \(words.stderr)")
        // The manual page renders from where it was installed.
        #expect(try shell("groff -man -Tutf8 -ww -z \(shellQuote(prefix + "/share/man/man1/consentdesk.1"))").status == 0)
        // A wrong call says how to call it.
        #expect(try shell("\(shellQuote(Self.path("scripts/install"))) a b").status == 64)
    }
}
