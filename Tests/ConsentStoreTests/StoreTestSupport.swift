import ConsentModel
import Foundation
@testable import ConsentStore
import TestSupport

let today = Day(year: 2026, month: 11, day: 25)!
let clock = FixedClock(today, hour: 10)
let tenantA = "aaaaaaaa-0000-4000-8000-000000000001"
let tenantB = "bbbbbbbb-0000-4000-8000-000000000002"

/// A store in a fresh directory with a profile and two customers.
func makeStore(_ dir: TemporaryDirectory, employee: String = "amy") throws -> ConsentStore {
    let store = try ConsentStore(location: StoreLocation(path: dir.path), clock: clock,
                                 actor: StoreActor(userId: "", employee: employee))
    try store.execute(.setProfile(ProfileDraft(name: "Northwind", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                                               domains: "northwind.example", role: "indirectProvider", defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")))
    try store.execute(.addReseller(id: "R-1", name: "Tailspin", domains: "tailspin.example"))
    try store.execute(.addCustomer(CustomerDraft(tenantId: tenantA, companyName: "Contoso Ltd", domains: "contoso.com", country: "US")))
    try store.execute(.addCustomer(CustomerDraft(tenantId: tenantB, companyName: "北京云端科技有限公司", domains: "bjcloud.cn", country: "CN")))
    return store
}

func anna(_ first: String = "Anna") -> ConfirmationDraft {
    ConfirmationDraft(dateAgreed: "2026-11-20", firstName: first, lastName: "Smith", email: "anna@contoso.com")
}

func mode(_ path: String) -> Int {
    var info = stat()
    stat(path, &info)
    return Int(info.st_mode & 0o777)
}

func sqlite(_ file: String, _ sql: String) throws -> ProcessResult {
    try shell("sqlite3 \(shellQuote(file)) \(shellQuote(sql))")
}
