import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// The voids of the whole history (rule 12), read before the replay: each voided
    /// event's number with the void's number and customer. Voids are few: this is the one
    /// index `verify` keeps for the whole store.
    struct Voids: Sendable {
        var targets: [Int64: (by: Int64, customer: String)] = [:]
    }

    static func voids(_ db: Database) throws -> Voids {
        var voids = Voids()
        let decoder = StoreCoding.decoder
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, payload FROM events WHERE kind = ? ORDER BY seq", arguments: [EventKind.voided.rawValue])
        while let row = try rows.next() {
            // An unreadable payload is reported by the replay itself, at its place in the chain.
            guard let payload = row[1] as String?,
                  case .voided(let id, let target, _)? = try? decoder.decode(ConsentEvent.self, from: payload),
                  voids.targets[target] == nil else { continue }
            voids.targets[target] = (row[0], id)
        }
        return voids
    }

    /// Whether the void at `seq` names an earlier confirmation, request or withdrawal of the
    /// same customer (`voidable`: that customer's met so far in the replay), and is the one void of it.
    static func voidFits(_ target: Int64, before seq: Int64, voidable: Set<Int64>, voids: Voids) -> Bool {
        voidable.contains(target) && voids.targets[target]?.by == seq
    }
}
