import ArgumentParser
import ConsentCommands
import ConsentModel
import Foundation

/// `consentdesk explain <code-or-message>`: what a Partner Center error code or message a
/// caller reads out means, its cause and its fix (issue 25.5). Reads no store.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: tr("cli.explain.abstract"),
                                                    discussion: tr("cli.explain.discussion"))
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(tr("cli.help.explainText"), valueName: "code-or-message")) var text: [String]

    func run() throws {
        try guarded {
            let typed = text.joined(separator: " ")
            let found = PartnerCenterError.find(typed)
            guard !found.isEmpty else {
                let known = PartnerCenterError.known.map { error in
                    error.code.map(String.init) ?? tr("cli.explain.quoted", (error.message ?? "").trimmingCharacters(in: CharacterSet(charactersIn: ".")))
                }
                throw CommandError.usage(tr("cli.explain.unknown", UntrustedText.escaped(typed), known.joined(separator: tr("text.listJoin"))))
            }
            let output = try Output(path: nil)
            for (index, error) in found.enumerated() {
                if index > 0 { output.line() }
                switch (error.code, error.name, error.message) {
                case let (code?, name?, message?): output.line(tr("cli.explain.headingNamed", code, name, message))
                case let (code?, _, _): output.line(tr("cli.explain.headingCode", code))
                case let (nil, _, message?): output.line(tr("cli.explain.headingMessage", message))
                case (nil, _, nil): break
                }
                output.line(tr("cli.explain.cause", error.cause))
                output.line(tr("cli.explain.fix", error.fix))
            }
            try output.finish()
        }
    }
}
