import Foundation

/// The process's environment read byte by byte: each entry split at its first `=`.
/// Foundation's dictionary splits by character, and a value that starts with a combining
/// mark or a joiner forms one character with the `=`, so the variable vanished (and, say,
/// a hostile `CONSENTDESK_USER_ID` was silently replaced by the default). Values that are
/// not UTF-8 are kept out (the store refuses them anyway).
enum ProcessEnvironment {
    static let current: [String: String] = {
        var values: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(pointer)))
            if let equals = bytes.firstIndex(of: UInt8(ascii: "=")),
               let name = String(validating: bytes[..<equals], as: UTF8.self),
               let value = String(validating: bytes[(equals + 1)...], as: UTF8.self),
               values[name] == nil {
                values[name] = value
            }
            entry = entry.advanced(by: 1)
        }
        return values
    }()
}
