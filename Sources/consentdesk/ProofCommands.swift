import ArgumentParser
import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation

/// `consentdesk key init|show|retire`: the desk's signing keys for checkpoints.
struct KeyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: tr("cli.key.abstract"), discussion: tr("cli.key.discussion"),
        subcommands: [Init.self, Show.self, Retire.self], defaultSubcommand: Show.self)

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: tr("cli.key.init"))
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(tr("cli.help.keyName"), valueName: "name")) var name: String?
        @Flag(help: ArgumentHelp(tr("cli.help.witness"))) var witness = false

        func validate() throws {
            if witness && name == nil { throw ValidationError(tr("cli.key.witnessNeedsName")) }
        }

        func run() throws {
            try guarded {
                // A witness's key is the witness's own: no store is opened or written.
                if witness, let name {
                    try DeskCommands.initWitnessKey(name: name, folder: global.keyFolder, output: try Output(path: nil))
                    return
                }
                try global.desk().initKey(name: name, folder: global.keyFolder, output: try Output(path: nil))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: tr("cli.key.show"))
        @OptionGroup var global: GlobalOptions
        @Flag(help: ArgumentHelp(tr("cli.help.jsonLines"))) var json = false
        func run() throws {
            try guarded {
                try global.readOnlyDesk().showKeys(folder: global.keyFolder, json: json, output: try Output(path: nil))
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "retire", abstract: tr("cli.key.retire"))
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(tr("cli.help.keyId"), valueName: "key-id")) var keyId: String
        func run() throws {
            try guarded {
                try global.desk().execute(.retireSigningKey(keyId: keyId), done: tr("cli.key.retiredDone", UntrustedText.escaped(keyId)))
            }
        }
    }
}

/// `consentdesk checkpoint [--output FILE]`: a signed checkpoint of the whole history.
struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "checkpoint", abstract: tr("cli.checkpoint.abstract"),
                                                    discussion: tr("cli.checkpoint.discussion"))
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(tr("cli.help.output"), valueName: "file")) var output: String?
    @Flag(help: ArgumentHelp(tr("cli.help.force"))) var force = false
    @Option(help: ArgumentHelp(tr("cli.help.cosign"), valueName: "checkpoint-file")) var cosign: String?
    @Option(help: ArgumentHelp(tr("cli.help.witnessName"), valueName: "name")) var witness: String?

    func validate() throws {
        if witness != nil && cosign == nil { throw ValidationError(tr("cli.checkpoint.witnessNeedsCosign")) }
    }

    func run() throws {
        try guarded {
            // Cosigning reads the store and writes nothing to it (a witness may hold read access only).
            if let cosign {
                let desk = try global.readOnlyDesk()
                try desk.cosign(file: cosign, witness: witness, folder: global.keyFolder,
                                output: try Output(path: output, force: force, protecting: desk.store.location))
                return
            }
            let desk = try global.desk()
            try desk.checkpoint(folder: global.keyFolder, output: try Output(path: output, force: force, protecting: desk.store.location))
        }
    }
}

/// `consentdesk verify-evidence PACK.json --key VERIFIER-KEY`: checks a pack alone, without a store.
struct VerifyEvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify-evidence", abstract: tr("cli.verifyEvidence.abstract"),
                                                    discussion: tr("cli.verifyEvidence.discussion"))
    @Option(name: .long, help: ArgumentHelp(tr("cli.help.lang"), valueName: "en|zh-Hans")) var lang: String?
    @Argument(help: ArgumentHelp(tr("cli.help.pack"), valueName: "pack.json")) var pack: String
    @Option(help: ArgumentHelp(tr("cli.help.verifierKey"), valueName: "verifier-key")) var key: [String] = []
    @Flag(help: ArgumentHelp(tr("cli.help.json"))) var json = false

    func validate() throws {
        if let lang, Language(localeName: lang) == nil { throw ValidationError(tr("cli.badLang", UntrustedText.escaped(lang))) }
        if key.isEmpty { throw ValidationError(tr("cli.verifyEvidence.needKey")) }
    }

    func run() throws {
        try guarded {
            let keys = try DeskCommands.verifierKeys(key) ?? []
            let report = try EvidenceVerifier.verify(file: pack, keys: keys)
            let output = try Output(path: nil)
            if json {
                output.json(try InterchangeJSON.encoder(pretty: false).encode(report))
            } else {
                report.lines.forEach { output.line($0) }
            }
            try output.finish()
            if !report.proven { throw ExitCode(ExitCodes.verifyFailed) }
        }
    }
}
