import Foundation

/// Where a store lives: a directory holding `store.sqlite`, or a file named directly.
public struct StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// The directory the store file sits in (created 0700 if missing).
    public let directory: URL
    /// The SQLite file itself.
    public let file: URL

    /// `path` is a directory holding `store.sqlite`, or, when it ends in `.sqlite` or is an
    /// existing regular file (a backup under any name), the file.
    public init(path: String) {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath).standardizedFileURL
        var info = stat()
        if url.pathExtension == "sqlite" || (stat(url.path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG) {
            file = url
            directory = url.deletingLastPathComponent()
        } else {
            directory = url
            file = url.appendingPathComponent("store.sqlite")
        }
    }

    /// `--store PATH`, else `CONSENTDESK_STORE`, else `$XDG_DATA_HOME/consentdesk/`
    /// (`~/.local/share/consentdesk/`).
    public static func resolve(flag: String?, environment: [String: String]) -> StoreLocation {
        if let flag, !flag.isEmpty { return StoreLocation(path: flag) }
        if let env = environment["CONSENTDESK_STORE"], !env.isEmpty { return StoreLocation(path: env) }
        // A relative XDG_DATA_HOME is ignored (the XDG specification): the store never depends on the current folder.
        let dataHome = XDGDirectory.base("XDG_DATA_HOME", default: ".local/share", environment: environment)
        return StoreLocation(path: (dataHome as NSString).appendingPathComponent("consentdesk"))
    }

    public var description: String { file.path }

    /// The store file's path with every symbolic link and `..` resolved: the same file
    /// reached another way (a link to its folder, a relative path) has the same name here,
    /// which is what the anchor journal files heads under.
    public var resolvedFilePath: String {
        if let resolved = realpath(file.path, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        if let folder = realpath(directory.path, nil) {
            defer { free(folder) }
            return (String(cString: folder) as NSString).appendingPathComponent(file.lastPathComponent)
        }
        return file.path
    }
}
