import Foundation

/// A small, fast, seeded random number generator (SplitMix64), so a demo store with
/// the same seed is the same store.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Realistic demo data: company names in several scripts, every status, resellers,
/// national clouds, subscriptions and a history with replaced confirmations.
public struct DemoGenerator: Sendable {
    public let customers: Int
    public let seed: UInt64
    public let today: Day

    public init(customers: Int, seed: UInt64, today: Day) {
        self.customers = customers
        self.seed = seed
        self.today = today
    }

    /// The demo partner: an indirect provider with three resellers.
    public static let profile = PartnerProfile(
        name: "Northwind Cloud Partners", tenantId: "6f1c2a9e-0d54-4b7a-9a3e-2f8b1c7d5e40",
        domains: ["northwindcloud.example"], role: .indirectProvider,
        resellers: [
            Reseller(id: "R-100", name: "Tailspin Resellers", domains: ["tailspin.example"]),
            Reseller(id: "R-200", name: "Wingtip IT", domains: ["wingtip.example"]),
            Reseller(id: "R-300", name: "星云渠道", domains: ["xingyun.example"]),
        ],
        defaultUserId: "0c3f4a8e-7b21-4d9a-8e55-1a2b3c4d5e6f")

    static let latinStems = ["Contoso", "Fabrikam", "Northwind", "Tailspin", "Woodgrove", "Litware", "Proseware",
                             "Adatum", "Lucerne", "Humongous", "Trey", "Alpine", "Coho", "Fourth Coffee", "Margie's",
                             "Blue Yonder", "Graphic Design", "Relecloud", "Wide World", "Southridge"]
    static let accentedStems = ["Müller", "Société Générale", "Ålesund", "Crème", "Zürich", "Łódź", "São Paulo",
                                "Île-de-France", "Göteborg", "Peñalara", "Čeština", "Øresund"]
    static let cjkStems = ["北京云端", "上海数据", "深圳智造", "杭州网联", "成都天府", "广州珠江", "東京商事", "大阪物流",
                           "서울소프트", "台北雲端", "南京紫金", "武汉光谷"]
    static let sectors = ["Logistics", "Health", "Retail", "Foods", "Energy", "Finance", "Media", "Travel", "Labs",
                          "Legal", "Motors", "Textiles"]
    static let cjkSectors = ["科技", "物流", "医疗", "零售", "能源", "金融", "传媒", "制造"]
    static let suffixes = ["Ltd", "Inc.", "GmbH", "S.A.", "AG", "LLC", "Oy", "B.V."]
    static let firstNames = ["Anna", "Ben", "Chloé", "David", "Élodie", "Farid", "Greta", "Hiro", "Inés", "Jonas",
                             "Kenji", "Lena", "Mateo", "Noor", "Olga", "Pierre", "伟", "芳", "静", "磊", "Zoë", "Søren"]
    static let lastNames = ["Smith", "Müller", "García", "Dubois", "Rossi", "Nowak", "Johansson", "Tanaka", "O'Brien",
                            "王", "李", "张", "刘", "陈", "Kowalski", "Núñez", "Østergaard", "Yılmaz"]
    static let countries = ["US", "DE", "FR", "GB", "CN", "JP", "NL", "SE", "ES", "BR", "PL", "NO"]
    static let offers = ["Microsoft 365 Business Premium", "Microsoft 365 E3", "Exchange Online (Plan 1)",
                         "Microsoft Teams Essentials", "Azure plan", "Dynamics 365 Sales", "Power BI Pro"]

    /// The events that build the demo store, oldest first.
    public func events() -> [ConsentEvent] {
        var events: [ConsentEvent] = []
        events.reserveCapacity(customers * 3 + 1)
        forEachEvent { events.append($0) }
        return events
    }

    /// Hands the events of `events()` to `body` one at a time, as they are made, so a large
    /// demo store is written without holding its history in memory.
    public func forEachEvent<E: Error>(_ body: (ConsentEvent) throws(E) -> Void) throws(E) {
        try body(.profileSet(DemoGenerator.profile))
        try forEachCustomer { (events: [ConsentEvent]) throws(E) in
            for event in events { try body(event) }
        }
    }

    /// The events of `forEachEvent` after the profile, one customer at a time: each call
    /// gets a customer's `customerAdded` followed by the rest of its history, oldest first
    /// (no event of one customer comes after another customer's), so a bulk writer knows
    /// the customer's final row when the call returns.
    public func forEachCustomer<E: Error>(_ body: ([ConsentEvent]) throws(E) -> Void) throws(E) {
        var rng = SeededGenerator(seed: seed)
        var events: [ConsentEvent] = []
        events.reserveCapacity(4)
        func emit(_ event: ConsentEvent) { events.append(event) }
        let profile = DemoGenerator.profile
        let customerAgreement = AgreementTemplate.microsoftCustomerAgreement
        let cloudAgreement = AgreementTemplate.microsoftCloudAgreement2018
        for index in 0..<customers {
            if !events.isEmpty {
                try body(events)
                events.removeAll(keepingCapacity: true)
            }
            let customer = makeCustomer(index: index, rng: &rng)
            emit(.customerAdded(customer))
            let roll = Int.random(in: 0..<100, using: &rng)
            let collectedBy = customer.resellerId
            func confirmation(_ template: AgreementTemplate, on day: Day) -> Confirmation {
                let first = DemoGenerator.firstNames.randomElement(using: &rng)!
                let last = DemoGenerator.lastNames.randomElement(using: &rng)!
                let local = "\(asciiLocal(first)).\(asciiLocal(last))\(Int.random(in: 1...99, using: &rng))"
                let domain = customer.primaryDomain.isEmpty ? "example.com" : customer.primaryDomain
                let phone = Bool.random(using: &rng) ? "+1 555 \(Int.random(in: 1000...9999, using: &rng))" : nil
                return Confirmation(
                    contact: Contact(firstName: first, lastName: last, email: "\(local)@\(domain)", phoneNumber: phone),
                    dateAgreed: day, templateId: template.templateId, agreementType: template.agreementType,
                    partnerUserId: profile.defaultUserId, employee: ["amy", "bo", "chen.li", "dana"].randomElement(using: &rng)!,
                    evidence: "CRM-\(100_000 + index)", collectedByResellerId: collectedBy,
                    recordedAt: day.utcMidnight.addingTimeInterval(TimeInterval(Int.random(in: 3600...80_000, using: &rng))))
            }
            func pastDay(from lowerDaysAgo: Int, to upperDaysAgo: Int) -> Day {
                today.adding(days: -Int.random(in: upperDaysAgo...lowerDaysAgo, using: &rng))
            }
            if !customer.cloud.supportsConfirmation { continue }
            switch roll {
            case 0..<12: break // missing
            case 12..<19: // requested
                emit(.requested(tenantId: customer.tenantId, ConsentRequest(
                    sentTo: profile.resellers.randomElement(using: &rng)!.name, date: pastDay(from: 40, to: 1))))
            case 19..<23: // withdrawn
                let c = confirmation(customerAgreement, on: pastDay(from: 900, to: 200))
                emit(.confirmed(tenantId: customer.tenantId, c))
                emit(.withdrawn(tenantId: customer.tenantId, Withdrawal(
                    date: pastDay(from: 150, to: 5), reason: "Customer no longer agrees to the terms")))
            case 23..<38: // outdated: still on the Cloud Agreement
                let day = Day(year: 2018, month: 11, day: 1)!.adding(days: Int.random(in: 0...500, using: &rng))
                emit(.confirmed(tenantId: customer.tenantId, confirmation(cloudAgreement, on: day)))
            default:
                if roll >= 85 { // replaced: Cloud Agreement, later the Customer Agreement
                    let old = Day(year: 2019, month: 1, day: 1)!.adding(days: Int.random(in: 0...300, using: &rng))
                    emit(.confirmed(tenantId: customer.tenantId, confirmation(cloudAgreement, on: old)))
                }
                let day = pastDay(from: 1800, to: 0)
                emit(.confirmed(tenantId: customer.tenantId, confirmation(customerAgreement, on: day)))
            }
        }
        if !events.isEmpty { try body(events) }
    }

    private func makeCustomer(index: Int, rng: inout SeededGenerator) -> Customer {
        let script = Int.random(in: 0..<10, using: &rng)
        let name: String
        if script < 6 {
            name = "\(DemoGenerator.latinStems.randomElement(using: &rng)!) \(DemoGenerator.sectors.randomElement(using: &rng)!) \(DemoGenerator.suffixes.randomElement(using: &rng)!)"
        } else if script < 8 {
            name = "\(DemoGenerator.accentedStems.randomElement(using: &rng)!) \(DemoGenerator.sectors.randomElement(using: &rng)!) \(DemoGenerator.suffixes.randomElement(using: &rng)!)"
        } else {
            name = "\(DemoGenerator.cjkStems.randomElement(using: &rng)!)\(DemoGenerator.cjkSectors.randomElement(using: &rng)!)有限公司"
        }
        let tenant = DemoGenerator.uuid(&rng)
        let words = name.split(separator: " ").prefix(2).map { asciiLocal(String($0)) }.filter { $0 != "cn" }
        let domain = (words.isEmpty ? "cn\(index)" : words.joined(separator: "-") + "-\(index)") + ".example"
        let cloudRoll = Int.random(in: 0..<100, using: &rng)
        let cloud: CloudInstance = cloudRoll < 2 ? .usGovernment : cloudRoll < 3 ? .germany : cloudRoll < 5 ? .china21Vianet : .global
        let country = cloud == .china21Vianet ? "CN" : cloud == .germany ? "DE" : cloud == .usGovernment ? "US"
            : DemoGenerator.countries.randomElement(using: &rng)!
        let resellerId = Int.random(in: 0..<10, using: &rng) < 4 ? DemoGenerator.profile.resellers.randomElement(using: &rng)!.id : nil
        let subscriptions = (0..<Int.random(in: 1...3, using: &rng)).map { n in
            Subscription(id: "S-\(index)-\(n)", offer: DemoGenerator.offers.randomElement(using: &rng)!,
                         seats: Int.random(in: 1...500, using: &rng), autoRenew: Int.random(in: 0..<4, using: &rng) > 0,
                         renewalDate: today.adding(days: Int.random(in: 1...365, using: &rng)))
        }
        return Customer(tenantId: tenant, companyName: name, domains: [domain], country: country, cloud: cloud,
                        resellerId: resellerId, subscriptions: subscriptions)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A deterministic GUID from the generator.
    static func uuid(_ rng: inout SeededGenerator) -> String {
        let a = rng.next(), b = rng.next()
        // The 32 hex digits of `%016llx%016llx`, without a formatter per customer.
        var chars: [UInt8] = []
        chars.reserveCapacity(32)
        for word in [a, b] {
            for shift in stride(from: 60, through: 0, by: -4) { chars.append(hexDigits[Int((word >> UInt64(shift)) & 0xF)]) }
        }
        func part(_ from: Int, _ to: Int) -> String { String(decoding: chars[from..<to], as: UTF8.self) }
        return "\(part(0, 8))-\(part(8, 12))-4\(part(13, 16))-a\(part(17, 20))-\(part(20, 32))"
    }

    /// Letters of `text` usable in an email local part or a domain label.
    private func asciiLocal(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let letters = folded.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }
        let result = String(String.UnicodeScalarView(letters))
        return result.isEmpty ? "cn" : result
    }
}
