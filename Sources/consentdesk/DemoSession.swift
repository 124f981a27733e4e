import ConsentCommands
import ConsentModel
import ConsentStore
import Foundation
import NcursesBackend

/// `consentdesk --demo`: the app on a fresh demo store in a new private folder of the
/// temporary directory (its own anchor journal beside it, so the account's journal never
/// hears of it). On exit the folder's path is printed, and the folder is removed unless
/// `--keep` was given.
struct DemoSession {
    let global: GlobalOptions
    let keep: Bool

    /// Returns the signal that stopped the app, if one did (the folder is handled first).
    func run() throws -> Int32? {
        let folder = try Self.makeFolder()
        defer { finish(folder) }
        var options = global
        let store = (folder as NSString).appendingPathComponent("store")
        options.store = store
        let journal = (folder as NSString).appendingPathComponent("anchors.jsonl")
        // A second stop signal ends the app at once: the demo store and its anchors go too.
        if !keep {
            let database = (store as NSString).appendingPathComponent("store.sqlite")
            NcursesBackend.removeOnForcedExit(
                files: ["", "-wal", "-shm", "-journal"].map { database + $0 } + [journal],
                folders: [store, folder])
        }
        let desk = try options.desk(anchoringIn: journal)
        _ = try desk.loadDemo(customers: 300, seed: 2018)
        return try AppLauncher.run(store: desk.store, clock: desk.clock)
    }

    /// A new folder only this user can open (`mkdtemp`).
    static func makeFolder() throws -> String {
        let base = NSTemporaryDirectory()
        var template = Array(((base as NSString).appendingPathComponent("consentdesk-demo-XXXXXX")).utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let start = buffer.baseAddress, mkdtemp(start) != nil else { return nil }
            return String(cString: start)
        }
        guard let made else { throw CommandError.store(.file(.notPermitted(path: base))) }
        return made
    }

    /// Says where the demo store is, and removes it unless it is to be kept.
    func finish(_ folder: String) {
        let store = (folder as NSString).appendingPathComponent("store")
        if keep {
            notice(tr("cli.demo.kept", UntrustedText.escaped(store)))
            return
        }
        do {
            try FileManager.default.removeItem(atPath: folder)
            notice(tr("cli.demo.removed", UntrustedText.escaped(store)))
        } catch {
            notice(tr("cli.demo.notRemoved", UntrustedText.escaped(folder)))
        }
    }
}
