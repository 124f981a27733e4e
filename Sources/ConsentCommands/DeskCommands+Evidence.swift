import ConsentModel
import ConsentStore
import Foundation
import TransparencyLog

extension DeskCommands {
    /// `consentdesk evidence`: customer `text`'s evidence pack, HTML or JSON, through the one
    /// writer; says where it went and the store's head it holds.
    public func evidence(_ text: String, format: String?, to output: Output, path: String?, signer: SignerKey? = nil) throws {
        let chosen = try format.map { try OptionChoice.pick($0, option: "--format", EvidencePack.Format.allCases.map { ($0.rawValue, $0) }) }
            ?? EvidencePack.Format.guessed(from: path ?? "")
        let customer = try store.resolve(text)
        let pack = try EvidencePack.read(from: store, tenantId: customer.tenantId, now: clock.now(), signer: signer)
        output.text(String(decoding: try pack.data(chosen), as: UTF8.self))
        try output.finish()
        if let path, path != "-" {
            notice(tr("cli.evidence.done", UntrustedText.escaped(customer.companyName), UntrustedText.escaped(path)))
        }
        notice(tr("cli.takenAt", pack.head.seq, pack.head.hash))
        if let proof = pack.proof {
            notice(tr(proof.customerEvents == nil ? "cli.evidence.provenNoStatement" : "cli.evidence.proven", proof.treeSize))
        } else {
            notice(tr("evidence.proof.none"))
        }
    }
}
