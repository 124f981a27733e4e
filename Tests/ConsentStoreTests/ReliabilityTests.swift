import ConsentModel
import Foundation
import Testing
@testable import ConsentStore
import TestSupport

/// Real processes on a real file: kills, concurrency, a full disk.
@Suite("Reliability", .serialized)
struct ReliabilityTests {
    /// Starts a writer and returns the sequence numbers it reported saved before it was
    /// killed with SIGKILL after `killAfter` reports.
    func killWriter(store: String, killAfter: Int) throws -> [Int64] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Products.loadgen)
        process.arguments = ["--store", store, "--confirm", "1000000", "--tag", "k\(killAfter)"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        var saved: [Int64] = []
        let handle = out.fileHandleForReading
        while saved.count < killAfter {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.hasPrefix("saved "), let seq = Int64(line.split(separator: " ")[1]) { saved.append(seq) }
            }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Lines already in the pipe were reported too.
        buffer.append(handle.readDataToEndOfFile())
        for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n") where line.hasPrefix("saved ") {
            if let seq = Int64(line.split(separator: " ")[1]) { saved.append(seq) }
        }
        #expect(process.terminationReason == .uncaughtSignal)
        return saved
    }

    @Test func killingAWriterNeverLosesWhatItReportedSaved() throws {
        let dir = TemporaryDirectory("kill")
        let setup = try run(Products.loadgen, ["--store", dir.path, "--setup", "20"])
        #expect(setup.status == 0, "\(setup.stderr)")
        var reported: [Int64] = []
        for round in 0..<8 {
            reported += try killWriter(store: dir.path, killAfter: 15 + round * 23)
        }
        #expect(reported.count >= 8 * 15)
        let store = try ConsentStore(location: StoreLocation(path: dir.path))
        var stored = Set<Int64>()
        try store.forEachEvent { event in if event.kind == "confirmed" { stored.insert(event.seq) } }
        let lost = reported.filter { !stored.contains($0) }
        #expect(lost.isEmpty, "reported saved but missing: \(lost.prefix(5))")
        #expect(try store.verify().isValid)
    }

    @Test func fourWritersAtOnceMakeOneChainWithEveryEvent() throws {
        let dir = TemporaryDirectory("concurrent")
        #expect(try run(Products.loadgen, ["--store", dir.path, "--setup", "50"]).status == 0)
        let before = try ConsentStore(location: StoreLocation(path: dir.path)).headSeq()
        let writers = 4, each = 250
        let results = Locked([ProcessResult?](repeating: nil, count: writers))
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            let result = try? run(Products.loadgen, ["--store", dir.path, "--confirm", "\(each)", "--tag", "p\(index)"])
            results.update { $0[index] = result }
        }
        for result in results.value {
            #expect(result?.status == 0)
            #expect(result?.stderr.isEmpty == true, "\(result?.stderr ?? "")")
            #expect(result?.stdout.split(separator: "\n").count == each)
        }
        let store = try ConsentStore(location: StoreLocation(path: dir.path))
        var confirmed = 0
        try store.forEachEvent { if $0.kind == "confirmed" { confirmed += 1 } }
        #expect(confirmed == writers * each)
        #expect(try store.headSeq() == before + Int64(writers * each))
        let report = try store.verify()
        #expect(report.isValid)
        #expect(report.eventsChecked == Int(before) + writers * each)
    }

    @Test(.enabled(if: canMountTmpfs, "needs root and permission to mount a tmpfs"))
    func aFullDiskFailsClearlyAndTheStoreSurvives() throws {
        let mountPoint = TemporaryDirectory("full")
        #expect(try shell("mount -t tmpfs -o size=600k tmpfs \(shellQuote(mountPoint.path))").status == 0)
        defer { _ = try? shell("umount -l \(shellQuote(mountPoint.path))") }
        let dir = mountPoint.path + "/store"
        let store = try ConsentStore(location: StoreLocation(path: dir), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        try store.execute(.setProfile(ProfileDraft(name: "N", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40", defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")))
        try store.execute(.addCustomer(CustomerDraft(tenantId: tenantA, companyName: "Contoso Ltd", domains: "contoso.com")))
        // Fill the disk.
        _ = try shell("dd if=/dev/zero of=\(shellQuote(mountPoint.path + "/filler")) bs=4096 2>/dev/null")
        let head = try store.headSeq()
        var failure: StoreError?
        for n in 0..<200 {
            do {
                try store.execute(.confirm(tenantId: tenantA, anna("Fill\(n) " + String(repeating: "x", count: 80))))
            } catch {
                failure = error
                break
            }
        }
        #expect(failure == .diskFull, "\(String(describing: failure))")
        #expect(failure?.description.contains("disk is full") == true)
        // Free space: the store opens, verifies, and the same save now succeeds.
        try FileManager.default.removeItem(atPath: mountPoint.path + "/filler")
        let reopened = try ConsentStore(location: StoreLocation(path: dir), clock: clock, actor: StoreActor(userId: "", employee: "amy"))
        #expect(try reopened.verify().isValid)
        #expect(try reopened.headSeq() >= head)
        try reopened.execute(.confirm(tenantId: tenantA, anna("After")))
        #expect(try reopened.customer(tenantA)?.customer.confirmation?.contact.firstName == "After")
    }
}
