// A writer for the reliability tests and the benchmark: it saves confirmations one by
// one through the real store and prints each saved sequence number as soon as it is
// committed, so a test that kills it knows what it reported saved.
//
//   consentdesk-loadgen --store PATH --setup CUSTOMERS
//   consentdesk-loadgen --store PATH --confirm COUNT [--tag TAG] [--timing]
import ConsentModel
import ConsentStore
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
@MainActor func option(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
guard let path = option("--store") else {
    FileHandle.standardError.write(Data("usage: consentdesk-loadgen --store PATH (--setup N | --confirm N [--tag T] [--timing])\n".utf8))
    exit(64)
}

@MainActor func tenant(_ index: Int) -> String { String(format: "00000000-0000-4000-8000-%012d", index) }

do {
    let store = try ConsentStore(location: StoreLocation(path: path), actor: StoreActor(userId: "", employee: "loadgen"))
    if let setup = option("--setup").flatMap(Int.init) {
        _ = try store.execute(.setProfile(ProfileDraft(name: "Load Partner", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
                                                       domains: "loadpartner.example", defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")))
        for index in 0..<setup {
            try store.execute(.addCustomer(CustomerDraft(tenantId: tenant(index), companyName: "Load Customer \(index)",
                                                         domains: "load\(index).example")))
        }
        print("setup \(setup)")
    } else if let count = option("--confirm").flatMap(Int.init) {
        let tag = option("--tag") ?? "w"
        let customers = max(1, try store.snapshot().customers.count)
        let timing = arguments.contains("--timing")
        var durations: [Double] = []
        for n in 0..<count {
            let draft = ConfirmationDraft(dateAgreed: "2026-01-15", firstName: "Load\(tag)", lastName: "N\(n)",
                                          email: "n\(n).\(tag)@load\(n % customers).example")
            let start = DispatchTime.now().uptimeNanoseconds
            let outcome = try store.execute(.confirm(tenantId: tenant(n % customers), draft))
            durations.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            print("saved \(outcome.seq ?? -1) \(tag) \(n)")
            fflush(nil)
        }
        if timing {
            let sorted = durations.sorted()
            print(String(format: "median_ms %.3f p95_ms %.3f", sorted[sorted.count / 2], sorted[Int(Double(sorted.count) * 0.95)]))
        }
    }
} catch {
    FileHandle.standardError.write(Data("loadgen: \(error)\n".utf8))
    exit(1)
}
