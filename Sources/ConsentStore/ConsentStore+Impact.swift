import ConsentModel
import Foundation
import GRDB

extension ConsentStore {
    /// What saving `command` would do to customers' statuses, without saving it: for a
    /// change of policy (a template added or retired, the profile's required agreement
    /// type or re-acceptance cut-off), how many customers move from one status to another
    /// today and on every later day the change makes statuses move (the model's
    /// `StatusImpact`). Nil for any other command. The command is validated as the save
    /// would validate it.
    public func statusImpact(of command: StoreCommand) throws(StoreError) -> StatusImpact? {
        switch command {
        case .addTemplate, .retireTemplate, .setProfile: break
        case .addCustomer, .editCustomer, .setSubscriptions, .confirm, .request, .withdraw, .addReseller,
             .importCustomer, .importConfirmation, .void, .note, .editReseller, .removeReseller, .requestAll,
             .addSigningKey, .retireSigningKey:
            return nil
        }
        let now = clock.now()
        return try read { db in
            let session = try WriteSession(db: db, actor: actor, now: now)
            let (events, _) = try session.plan(command)
            var profile = session.profile
            var catalog = session.catalog
            let today = session.context.today
            for event in events {
                switch event {
                case .profileSet(let next): profile = next
                case .templateAdded(let template): catalog.upsert(template)
                case .templateRetired(let id): catalog.retire(id: id)
                case .customerAdded, .customerEdited, .confirmed, .requested, .withdrawn, .imported, .voided, .noted,
                     .keyAdded, .keyRetired:
                    break
                }
            }
            if profile == session.profile && catalog == session.catalog { return nil }
            let before = ConsentEvaluator(profile: session.profile, catalog: session.catalog, day: today)
            let after = ConsentEvaluator(profile: profile, catalog: catalog, day: today)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(CustomerTable.columns) FROM customers")
            return try StatusImpact(before: before, after: after, today: today) { visit in
                while let row = try rows.next() { visit(try CustomerTable.customer(row, subscriptions: false)) }
            }
        }
    }
}
