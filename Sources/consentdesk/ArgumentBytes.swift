import Foundation

/// The command line's raw bytes: an argument that is not UTF-8 is refused, never read
/// with replacement characters (a name `M\xfcller` would be stored as "M\u{FFFD}ller").
enum ArgumentBytes {
    /// The position (from 1) of the first argument whose bytes are not UTF-8, or nil.
    static func firstInvalidUTF8() -> Int? {
        let count = Int(CommandLine.argc)
        guard count > 1 else { return nil }
        for index in 1..<count {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            if String(validatingCString: pointer) == nil { return index }
        }
        return nil
    }
}
