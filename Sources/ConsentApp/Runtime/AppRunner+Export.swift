import ConsentModel
import ConsentStore
import Foundation

extension AppRunner {
    /// Writes `tenantIds` to a CSV file at `path` on the writer's queue (after any save
    /// asked for before it), answering `exported` or `saveFailed`.
    func exportCustomers(_ tenantIds: [String], path: String, request: Int) {
        let store = readStore, answers = answers
        writer.async {
            do throws(StoreError) {
                let count = try store.exportCustomers(tenantIds, toCSV: path)
                answers.post(.exported(count: count, path: path, request: request))
            } catch {
                answers.post(.saveFailed(error, request: request))
            }
        }
    }
}
