import Foundation

/// The XDG base directories (`XDG_DATA_HOME`, `XDG_STATE_HOME`), as the specification says:
/// a value that is not an absolute path is invalid and ignored, so a relative one never
/// puts a store or a journal wherever the command happened to be run.
enum XDGDirectory {
    /// `$variable` when it is an absolute path, else `$HOME/` + `fallback`.
    static func base(_ variable: String, default fallback: String, environment: [String: String]) -> String {
        if let value = environment[variable], value.hasPrefix("/") { return value }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(fallback)
    }
}
