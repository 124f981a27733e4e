import ConsentModel
import Foundation
import TransparencyLog

/// Where this desk keeps its private signing keys: never in the store. `CONSENTDESK_KEYS`,
/// else `$XDG_CONFIG_HOME/consentdesk/keys` (an absolute XDG path only, as the XDG spec
/// says), else `~/.config/consentdesk/keys`. The folder is 0700, each key a file
/// `<key id>.key` of 0600 holding `PRIVATE+KEY+name+id+base64`.
public struct SigningKeyFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The folder for `environment`.
    public static func resolve(environment: [String: String]) -> SigningKeyFolder {
        if let path = environment["CONSENTDESK_KEYS"], !path.isEmpty {
            return SigningKeyFolder(path: (path as NSString).expandingTildeInPath)
        }
        let config: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            config = xdg
        } else {
            config = ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        }
        return SigningKeyFolder(path: ((config as NSString).appendingPathComponent("consentdesk") as NSString).appendingPathComponent("keys"))
    }

    /// The file of key `keyId`.
    public func file(for keyId: UInt32) -> String {
        (path as NSString).appendingPathComponent(String(format: "%08x", keyId) + ".key")
    }

    /// Writes `key` as a new file (never over one), creating the folder 0700.
    public func save(_ key: SignerKey) throws(ProofError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .keyFolder(path: path)
        }
        do {
            let writer = try SafeFileWriter(path: file(for: key.verifier.keyId), force: false, regularOnly: true)
            try writer.write(Data((key.secretText + "\n").utf8))
            try writer.commit()
        } catch {
            throw .keyFile(error.description)
        }
    }

    /// The key with id `keyId`, if this desk holds it. A key file others can read, a link or
    /// anything but a small regular file is refused, never used.
    public func key(_ keyId: UInt32) throws(ProofError) -> SignerKey? {
        let file = file(for: keyId)
        let data: Data
        do {
            data = try SafeFileReader.read(file, limit: 4_096, followLinks: false)
        } catch FileReadError.missing {
            return nil
        } catch {
            throw .keyFile(error.description)
        }
        if SafeFileReader.isShared(file) { throw .keyShared(path: file) }
        guard let text = String(data: data, encoding: .utf8) else { throw .keyFile(tr("proof.keyUnreadable", UntrustedText.escaped(file))) }
        do {
            let key = try SignerKey(parsing: text)
            guard key.verifier.keyId == keyId else { throw ProofError.keyFile(tr("proof.keyUnreadable", UntrustedText.escaped(file))) }
            return key
        } catch let error as ProofError {
            throw error
        } catch {
            throw .keyFile(tr("proof.keyUnreadable", UntrustedText.escaped(file)))
        }
    }

    /// Every key this desk holds (`<key id>.key` files), in key id order; none when the folder
    /// does not exist. A key file that cannot be used is an error naming it.
    public func heldKeys() throws(ProofError) -> [SignerKey] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        var keys: [SignerKey] = []
        for name in names.sorted() where name.count == 12 && name.hasSuffix(".key") {
            guard let id = UInt32(name.prefix(8), radix: 16), String(format: "%08x", id) == name.prefix(8) else { continue }
            if let key = try key(id) { keys.append(key) }
        }
        return keys
    }
}
