import ConsentModel
import Foundation
import GRDB

/// What `verify` found.
public struct VerifyReport: Sendable, Hashable, CustomStringConvertible {
    public let eventsChecked: Int
    /// The newest event's hash.
    public let headHash: String
    /// The first sequence number where the chain or the replay went wrong.
    public let firstBadSeq: Int64?
    public let problem: String?

    public var isValid: Bool { firstBadSeq == nil && problem == nil }

    public var description: String {
        if let problem {
            return tr("verify.failed", eventsChecked, firstBadSeq.map(String.init) ?? "-", problem)
        }
        return tr("verify.ok", eventsChecked, headHash)
    }
}

extension ConsentStore {
    /// Recomputes the chain, replays every event into a fresh state and compares it
    /// with the stored projections.
    public func verify() throws(StoreError) -> VerifyReport {
        do { return try verifyReading() } catch {
            // A row that cannot be read is a failed verification naming it, not an error.
            guard case .damaged(let table, let row, let detail) = error else { throw error }
            return VerifyReport(eventsChecked: 0, headHash: "", firstBadSeq: nil,
                                problem: tr("verify.damaged", table, UntrustedText.escaped(row), detail))
        }
    }

    private func verifyReading() throws(StoreError) -> VerifyReport {
        try read { db in
            var previous = EventChain.genesis
            var checked = 0
            var state = ConsentState()
            let decoder = StoreCoding.decoder
            var lastSeqs: [String: Int64] = [:]
            func fail(_ seq: Int64?, _ problem: String) -> VerifyReport {
                VerifyReport(eventsChecked: checked, headHash: previous, firstBadSeq: seq, problem: problem)
            }
            let rows = try Row.fetchCursor(db, sql: "SELECT seq, at, userId, employee, kind, customer, payload, prevHash, hash FROM events ORDER BY seq")
            var expectedSeq: Int64 = 1
            while let row = try rows.next() {
                let seq: Int64 = row[0]
                let payload: String = row[6]
                let prevHash: String = row[7]
                let hash: String = row[8]
                if seq != expectedSeq { return fail(expectedSeq, tr("verify.gap")) }
                if prevHash != previous { return fail(seq, tr("verify.brokenLink")) }
                let recomputed = EventChain.hash(previous: previous, seq: seq, at: row[1], userId: row[2], employee: row[3],
                                                 kind: row[4], customer: row[5], payload: payload)
                if recomputed != hash { return fail(seq, tr("verify.hashMismatch")) }
                guard let event = try? decoder.decode(ConsentEvent.self, from: Data(payload.utf8)) else {
                    return fail(seq, tr("verify.unreadable"))
                }
                if event.kind != (row[4] as String) || event.tenantId != (row[5] as String?) {
                    return fail(seq, tr("verify.hashMismatch"))
                }
                do { try state.apply(event) } catch { return fail(seq, String(describing: error)) }
                if let id = event.tenantId { lastSeqs[id] = seq }
                previous = hash
                checked += 1
                expectedSeq += 1
            }
            // The projections must be what the replay gives.
            if try StateTable.profile(db) != state.profile { return fail(nil, tr("verify.projection", "profile")) }
            if try StateTable.catalog(db) != state.catalog { return fail(nil, tr("verify.projection", "catalog")) }
            var seen = 0
            let customers = try Row.fetchCursor(db, sql: "SELECT \(CustomerTable.columns) FROM customers")
            while let row = try customers.next() {
                let stored = try CustomerTable.customer(row, subscriptions: true)
                seen += 1
                guard stored == state.customers[stored.tenantId], lastSeqs[stored.tenantId] == (row[24] as Int64) else {
                    return fail(lastSeqs[stored.tenantId], tr("verify.projection", stored.tenantId))
                }
            }
            if seen != state.customers.count { return fail(nil, tr("verify.projection", "customers")) }
            return VerifyReport(eventsChecked: checked, headHash: previous, firstBadSeq: nil, problem: nil)
        }
    }
}
