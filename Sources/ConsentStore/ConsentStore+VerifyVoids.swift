import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// The voids of the whole history (rule 12), read before the replay: each voided
    /// event's number with the void's number and customer.
    final class Voids {
        var targets: [Int64: (by: Int64, customer: String)] = [:]
        /// The customer of each voidable event met so far in the replay.
        var voidable: [Int64: String] = [:]

        func seen(_ seq: Int64, _ event: ConsentEvent) {
            if ConsentHistory.isVoidable(event), let id = event.tenantId { voidable[seq] = id }
        }
    }

    static func voids(_ db: Database) throws -> Voids {
        let voids = Voids()
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, payload FROM events WHERE kind = ? ORDER BY seq", arguments: ["voided"])
        while let row = try rows.next() {
            // An unreadable payload is reported by the replay itself, at its place in the chain.
            guard let payload = row[1] as String?,
                  case .voided(let id, let target, _)? = try? StoreCoding.decoder.decode(ConsentEvent.self, from: Data(payload.utf8)),
                  voids.targets[target] == nil else { continue }
            voids.targets[target] = (row[0], id)
        }
        return voids
    }

    /// Whether the void at `seq` names an earlier confirmation, request or withdrawal of the
    /// same customer, and is the one void of it.
    static func voidFits(_ target: Int64, of id: String, before seq: Int64, voids: Voids) -> Bool {
        voids.voidable[target] == id && voids.targets[target]?.by == seq
    }
}
