/// A subscription the partner holds for a customer.
public struct Subscription: Hashable, Sendable, Codable, Identifiable {
    public var id: String
    public var offer: String
    public var seats: Int
    public var autoRenew: Bool
    public var renewalDate: Day?

    public init(id: String, offer: String, seats: Int, autoRenew: Bool, renewalDate: Day? = nil) {
        self.id = id
        self.offer = offer
        self.seats = seats
        self.autoRenew = autoRenew
        self.renewalDate = renewalDate
    }
}
