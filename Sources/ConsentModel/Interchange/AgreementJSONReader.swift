import Foundation

/// Reads Partner Center agreement JSON (a GET collection, an array, one object, or JSON
/// Lines) item by item, so a bad item is named with every field that is wrong and the
/// good items are still read.
public enum AgreementJSONReader {
    /// Where an item is: its position in the collection or array (from 1), or its line
    /// in a JSON Lines file.
    public enum Place: Hashable, Sendable {
        case item(Int)
        case line(Int)
    }

    /// One item and what became of it.
    public struct Item: Sendable {
        public let place: Place
        public let result: Result<PartnerCenterAgreement, AgreementJSONProblem>
    }

    /// Reads `text`; throws when it is not JSON at all or not agreements.
    public static func read(_ text: String) throws(AgreementJSONProblem) -> [Item] {
        let whole: Any
        do {
            whole = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        } catch {
            if let lines = jsonLines(text) { return lines }
            throw .syntax(syntaxDetail(error, in: text))
        }
        let list: [Any]
        if let object = whole as? [String: Any] {
            if object["primaryContact"] == nil, let items = object["items"] {
                guard let array = items as? [Any] else { throw .notAgreements }
                list = array
            } else {
                list = [object]
            }
        } else if let array = whole as? [Any] {
            list = array
        } else {
            throw .notAgreements
        }
        return list.enumerated().map { Item(place: .item($0.offset + 1), result: agreement($0.element)) }
    }

    /// JSON Lines: one object a line. Nil when the first line is not an object on its own.
    static func jsonLines(_ text: String) -> [Item]? {
        var items: [Item] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { continue }
            do {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
                if items.isEmpty && !(object is [String: Any]) { return nil }
                items.append(Item(place: .line(index + 1), result: agreement(object)))
            } catch {
                if items.isEmpty { return nil }
                items.append(Item(place: .line(index + 1), result: .failure(.syntax(syntaxDetail(error, in: String(line))))))
            }
        }
        return items.count > 1 ? items : nil
    }

    /// Reads one agreement object, collecting every field that is missing or of the wrong kind.
    static func agreement(_ value: Any) -> Result<PartnerCenterAgreement, AgreementJSONProblem> {
        guard let object = value as? [String: Any] else { return .failure(.notAnObject) }
        var problems: [AgreementJSONProblem.FieldProblem] = []
        func text(_ object: [String: Any], _ key: String, _ path: String, required: Bool) -> String? {
            switch object[key] {
            case nil, is NSNull:
                if required { problems.append(.init(field: path, kind: .missing)) }
                return nil
            case let string as String:
                return string
            default:
                problems.append(.init(field: path, kind: .notText))
                return nil
            }
        }
        var contact: [String: Any] = [:]
        switch object["primaryContact"] {
        case let found as [String: Any]: contact = found
        case nil, is NSNull: problems.append(.init(field: "primaryContact", kind: .missing))
        default: problems.append(.init(field: "primaryContact", kind: .notObject))
        }
        let hasContact = object["primaryContact"] is [String: Any]
        let first = hasContact ? text(contact, "firstName", "primaryContact.firstName", required: true) : nil
        let last = hasContact ? text(contact, "lastName", "primaryContact.lastName", required: true) : nil
        let email = hasContact ? text(contact, "email", "primaryContact.email", required: true) : nil
        let phone = hasContact ? text(contact, "phoneNumber", "primaryContact.phoneNumber", required: false) : nil
        let templateId = text(object, "templateId", "templateId", required: true)
        let dateAgreed = text(object, "dateAgreed", "dateAgreed", required: true)
        let type = text(object, "type", "type", required: true)
        let link = text(object, "agreementLink", "agreementLink", required: false)
        let userId = text(object, "userId", "userId", required: false)
        guard problems.isEmpty, let first, let last, let email, let templateId, let dateAgreed, let type else {
            return .failure(.fields(problems))
        }
        return .success(PartnerCenterAgreement(
            primaryContact: .init(firstName: first, lastName: last, email: email, phoneNumber: phone),
            templateId: templateId, dateAgreed: dateAgreed, type: AgreementType(type), agreementLink: link, userId: userId))
    }

    /// What Foundation says about a syntax error, escaped, led by the line and column
    /// where parsing stopped (Foundation counts characters from the start of the file).
    static func syntaxDetail(_ error: any Error, in text: String) -> String {
        let info = (error as NSError).userInfo
        let detail = UntrustedText.escaped((info["NSDebugDescription"] as? String) ?? (error as NSError).localizedDescription)
        guard let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
              let offset = Int(detail[range].dropFirst("character ".count)) else { return detail }
        var line = 1, column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return tr("cli.import.json.at", line, column, detail)
    }
}

/// Why agreement JSON, or one item of it, cannot be read.
public enum AgreementJSONProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// One field of an item and what is wrong with it.
    public struct FieldProblem: Hashable, Sendable {
        public enum Kind: Hashable, Sendable { case missing, notText, notObject }
        /// The field's path, as in the JSON (`primaryContact.email`).
        public let field: String
        public let kind: Kind
    }

    /// Not JSON: Foundation's words, naming where parsing stopped.
    case syntax(String)
    /// JSON, but not agreements (a number, or a collection without items).
    case notAgreements
    /// An item that is not an object.
    case notAnObject
    /// An item with fields missing or of the wrong kind (every one of them).
    case fields([FieldProblem])

    public var description: String {
        switch self {
        case .syntax(let detail): return tr("cli.import.json.syntax", detail)
        case .notAgreements: return tr("cli.import.json.notAgreements")
        case .notAnObject: return tr("cli.import.json.notAnObject")
        case .fields(let problems):
            return problems.map { problem in
                switch problem.kind {
                case .missing: return tr("cli.import.json.missing", problem.field)
                case .notText: return tr("cli.import.json.notText", problem.field)
                case .notObject: return tr("cli.import.json.notObject", problem.field)
                }
            }.joined(separator: "\n")
        }
    }
}
