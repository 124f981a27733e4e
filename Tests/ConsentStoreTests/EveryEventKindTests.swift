import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport
import TransparencyLog

/// Every event kind (`EventKind.allCases`) through every place that shows or checks events:
/// the detail's history, the log (store and CLI), the evidence pack (JSON and HTML), the
/// JSON of events and `export --format history`, and verify's replay. A new kind added to
/// `EventKind` and `ConsentEvent` fails here until the store writes it and each of these
/// handles it (the switches over events have no `default:` to swallow it).
@Suite("Every event kind through every view")
struct EveryEventKindTests {
    /// A store holding at least one event of every kind, and the customer most of them are about.
    static func storeWithEveryKind(_ dir: TemporaryDirectory) throws -> ConsentStore {
        let store = try makeStore(dir)  // profileSet, customerAdded (and the reseller: profileSet)
        let template = "55555555-6666-4777-8888-999999999999"
        try store.execute(.addTemplate(TemplateDraft(templateId: template, agreementType: "MicrosoftCustomerAgreement",
                                                     agreementLink: "https://aka.ms/customeragreement", versionRank: "9",
                                                     effectiveDate: "2027-01-01")))
        try store.execute(.retireTemplate(templateId: template))
        try store.execute(.editCustomer(tenantId: tenantA, CustomerDraft(tenantId: tenantA, companyName: "Contoso Group",
                                                                         domains: "contoso.com", country: "US")))
        let request = try #require(try store.execute(.request(tenantId: tenantA, RequestDraft(sentTo: "it@contoso.com", date: "2026-11-10"))).seq)
        try store.execute(.void(seq: request, reason: "sent to the wrong address"))
        try store.execute(.confirm(tenantId: tenantA, anna()))
        try store.execute(.withdraw(tenantId: tenantA, WithdrawalDraft(date: "2026-11-24", reason: "moved to another partner")))
        try store.execute(.note(tenantId: tenantA, text: "called the CFO"))
        let imported = try store.runBatch([(line: 2, command: .confirm(tenantId: tenantB, anna("Wei")))],
                                          source: "attestations.csv", mode: .allOrNothing)
        #expect(imported.wrote)
        let key = try SignerKey(generatingWithName: "desk-1")
        let id = String(format: "%08x", key.verifier.keyId)
        try store.execute(.addSigningKey(SigningKeyRecord(name: "desk-1", keyId: id, verifierKey: key.verifier.description)))
        try store.execute(.retireSigningKey(keyId: id))
        return store
    }

    static func allEvents(_ store: ConsentStore) throws -> [StoredEvent] {
        var events: [StoredEvent] = []
        try store.forEachEvent { events.append($0) }
        return events
    }

    @Test func theStoreWritesEveryKindAndReadsEachBackAsItsKind() throws {
        let dir = TemporaryDirectory()
        let store = try Self.storeWithEveryKind(dir)
        let events = try Self.allEvents(store)
        #expect(Set(events.compactMap(\.eventKind)) == Set(EventKind.allCases))
        for stored in events {
            let event = try stored.event()
            #expect(stored.eventKind == event.eventKind)
            #expect(stored.kind == event.kind)
            // A kind about a customer is stored with its customer, and only such a kind.
            #expect((stored.customer != nil) == event.eventKind.isAboutACustomer, "\(stored.kind)")
            #expect(event.tenantId == stored.customer)
        }
        #expect(ConsentEvent.storedKinds == EventKind.allCases.map(\.rawValue))
    }

    @Test func everyKindIsShownInTheDetailTheLogAndTheEvidence() throws {
        let dir = TemporaryDirectory()
        let store = try Self.storeWithEveryKind(dir)
        let events = try Self.allEvents(store)
        // Each event has a summary of its own (the log's and the detail's line).
        for stored in events {
            let summary = try stored.event().summary
            #expect(!summary.isEmpty, "\(stored.kind)")
            #expect(summary != stored.kind, "\(stored.kind) has a summary, not its raw kind")
        }
        // The detail: the customer's events, the voided request marked.
        let entries = StoredEvent.historyEntries(try store.history(of: tenantA))
        #expect(Set(entries.map(\.kind)) == Set(EventKind.allCases.filter(\.isAboutACustomer).map(\.rawValue)))
        #expect(entries.contains { $0.kind == "requested" && $0.voidedBy != nil })
        #expect(entries.contains { $0.note == "called the CFO" })
        // The log: every kind, filtered by each kind's name.
        let log = try store.activity(ActivityQuery(limit: 1000))
        #expect(Set(log.map(\.event.kind)) == Set(EventKind.allCases.map(\.rawValue)))
        for kind in EventKind.allCases {
            let only = try store.activity(ActivityQuery(kinds: [kind.rawValue], limit: 1000))
            #expect(!only.isEmpty && only.allSatisfy { $0.event.eventKind == kind }, "\(kind)")
        }
        // JSON: each kind under its kebab-case name, with what it holds (never "unreadable").
        for stored in events {
            let json = String(decoding: try EventJSON.encoder().encode(EventJSON(stored)), as: UTF8.self)
            #expect(json.contains("\"kind\":\"\(ConsentEvent.kebabKind(stored.kind))\""), "\(json)")
            #expect(!json.contains("unreadable"), "\(stored.kind)")
        }
        // The evidence pack: every event of the customer, in JSON and HTML.
        let pack = try store.evidencePack(of: tenantA, now: clock.now(), signer: nil)
        let packJSON = String(decoding: try pack.json(), as: UTF8.self)
        let html = pack.html()
        for entry in entries {
            #expect(packJSON.contains(ConsentEvent.kebabKind(entry.kind)), "\(entry.kind)")
            #expect(html.contains("\(entry.seq)"))
        }
        // verify replays every kind.
        let report = try store.verify()
        #expect(report.isValid, "\(report.description)")
        #expect(report.eventsChecked == events.count)
    }

    @Test func theCommandLineLogAndHistoryExportNameEveryKind() throws {
        let dir = TemporaryDirectory()
        let events: [StoredEvent]
        do {
            let store = try Self.storeWithEveryKind(dir)
            events = try Self.allEvents(store)
        }
        let log = try run(Products.consentdesk, ["--store", dir.path, "log", "--json"], environment: ["LANG": "en_US.UTF-8"])
        #expect(log.status == 0, "\(log.stderr)")
        let history = dir.file("history.jsonl")
        let export = try run(Products.consentdesk, ["--store", dir.path, "export", "--format", "history", "--output", history],
                             environment: ["LANG": "en_US.UTF-8"])
        #expect(export.status == 0, "\(export.stderr)")
        let exported = try String(contentsOfFile: history, encoding: .utf8)
        for kind in EventKind.allCases {
            let name = "\"kind\":\"\(ConsentEvent.kebabKind(kind.rawValue))\""
            #expect(log.stdout.replacingOccurrences(of: "\": \"", with: "\":\"").contains(name), "log --json shows \(kind)")
            #expect(exported.replacingOccurrences(of: "\": \"", with: "\":\"").contains(name), "history export shows \(kind)")
        }
        #expect(exported.split(separator: "\n").count >= events.count)
    }
}
