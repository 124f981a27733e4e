import ConsentModel
import ConsentStore

/// A change that asks first: what it is, what will happen, and what to do on yes.
public struct DangerousChange: Sendable {
    /// The action whose binding is dangerous (its label titles the question).
    public let action: Action
    /// What will happen, said before the question.
    public let consequence: String
    public let command: StoreCommand
    public let expecting: Int64?
    public let done: CompletedChange
    /// A change of policy, so its impact is previewed after yes.
    public let changesPolicy: Bool
    /// The form it came from, kept for the answer no.
    public let form: FormState?
}
