import ConsentModel

/// Writing: a command (or a batch of them) is judged by the model's rules against the
/// state inside one write transaction, and the events it decides are appended, numbered
/// after the head and chained to it; a refused command appends nothing. A second backend
/// implements the reading and appending, never the rules (they are `ConsentModel`'s).
public protocol StoreAppending: AnyObject, Sendable {
    /// Carries out `command`; refused (`StoreError.invalid`, nothing stored) when the rules
    /// refuse it, or `StoreError.conflict` when the customer changed after `expectingCustomerSeq`.
    @discardableResult
    func execute(_ command: StoreCommand, expectingCustomerSeq: Int64?,
                 progress: ((Int, Int) -> Void)?) throws(StoreError) -> SaveOutcome
    /// Several commands in one transaction: all written, or (any refused, or `checkOnly`) none.
    func executeAll(_ commands: [StoreCommand], expectingCustomerSeqs: [String: Int64],
                    checkOnly: Bool) throws(StoreError) -> BulkOutcome
    /// An import's rows, in one transaction, as `mode` says.
    func runBatch(_ rows: [(line: Int, command: StoreCommand)], source: String,
                  mode: BatchMode, progress: ((Int, Int) -> Void)?) throws(StoreError) -> BatchReport
    /// Fills an empty store with the demo's customers; returns how many events it wrote.
    @discardableResult
    func loadDemo(_ generator: DemoGenerator, progress: ((Int, Int) -> Void)?) throws(StoreError) -> Int
    /// Whom a change of policy (profile, templates) would move between statuses; nil for other commands.
    func statusImpact(of command: StoreCommand) throws(StoreError) -> StatusImpact?
    /// Runs `body` (writes) so that a wait for another desk's lock can be watched and stopped.
    func cancellable<T>(_ cancellation: WriteCancellation, onWait: @escaping @Sendable () -> Void,
                        _ body: () throws(StoreError) -> T) throws(StoreError) -> T
}

extension StoreAppending {
    /// Carries out `command`.
    @discardableResult
    public func execute(_ command: StoreCommand) throws(StoreError) -> SaveOutcome {
        try execute(command, expectingCustomerSeq: nil, progress: nil)
    }

    /// Carries out `command`, telling `progress` (done, total) while a change of policy re-evaluates.
    @discardableResult
    public func execute(_ command: StoreCommand, progress: ((Int, Int) -> Void)?) throws(StoreError) -> SaveOutcome {
        try execute(command, expectingCustomerSeq: nil, progress: progress)
    }

    /// Several commands in one transaction, all or none.
    public func executeAll(_ commands: [StoreCommand], checkOnly: Bool = false) throws(StoreError) -> BulkOutcome {
        try executeAll(commands, expectingCustomerSeqs: [:], checkOnly: checkOnly)
    }

    /// Fills an empty store with the demo's customers.
    @discardableResult
    public func loadDemo(_ generator: DemoGenerator) throws(StoreError) -> Int { try loadDemo(generator, progress: nil) }
}
