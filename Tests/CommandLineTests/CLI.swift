import Foundation
import Testing
import TestSupport

/// Runs the real `consentdesk` binary on a store in a temp directory, at a fixed time.
struct CLI {
    let dir = TemporaryDirectory("cli")
    var store: String { dir.file("store") }
    /// This desk's anchor journal (kept beside the store, not in the tester's home).
    var anchors: String { dir.file("anchors.jsonl") }
    /// This desk's signing keys (beside the store, never the tester's configuration folder).
    var keys: String { dir.file("keys") }
    static let now = "2026-11-25T12:00:00Z"

    @discardableResult
    func callAsFunction(_ arguments: String..., stdin: String? = nil, environment: [String: String] = [:]) throws -> ProcessResult {
        try call(arguments, environment: environment)
    }

    func call(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        var env = ["CONSENTDESK_NOW": CLI.now, "USER": "desk-tester", "CONSENTDESK_STORE": store,
                   "CONSENTDESK_ANCHORS": anchors, "CONSENTDESK_KEYS": keys]
        for (k, v) in environment { env[k] = v }
        return try run(Products.consentdesk, arguments, environment: env)
    }

    /// A store with a direct-bill partner, one reseller-free customer and the default catalogue.
    static func withCustomer() throws -> CLI {
        let cli = CLI()
        try cli("profile", "set", "--name", "Northwind", "--tenant-id", "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                "--domains", "northwind.example", "--role", "indirectProvider", "--user-id", "5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a0f13")
        try cli("profile", "add-reseller", "--id", "R-1", "--name", "Tailspin", "--domains", "tailspin.example")
        try cli("add-customer", "--tenant-id", "0f8fad5b-d9cb-469f-a165-70867728950e", "--name", "Contoso Ltd",
                "--domains", "contoso.com", "--country", "US")
        return cli
    }

    /// Runs `sql` on the store file with the sqlite3 shell (to look, or to tamper).
    func sqlite(_ sql: String) throws -> ProcessResult {
        try shell("sqlite3 \(shellQuote(store + "/store.sqlite")) \(shellQuote(sql))")
    }

    /// JSON objects, one a line.
    static func jsonLines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
    }
}

extension CLI {
    /// `verify` passes after `label` (a write): exit 0 and the report says the chain is intact.
    func expectIntact(after label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let verify = try self("verify")
        #expect(verify.status == 0, "verify after \(label): \(verify.stderr)", sourceLocation: sourceLocation)
        #expect(verify.stdout.contains("the chain is intact"), "verify after \(label): \(verify.stdout)", sourceLocation: sourceLocation)
    }
}
