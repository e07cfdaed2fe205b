import Foundation
import PluginAPI

/// Reads what an NE pushes to `…/objectType/alarms` in either of the document's shapes, the single
/// object (`objectId`, `perceivedSeverity` 1-5, `additionalText`, `alarmSource`) or the array
/// (`neType`, `neId`, `alarmId`, `origSeverity` names, `addInfo`, `locationInfo`), into checked
/// ``AlarmReport``s. Every problem of every alarm is found before anything is kept: a push with one
/// bad alarm changes nothing.
struct AlarmPushParser: Sendable {
    /// The NE the push credential proved.
    let element: NetworkElement
    /// Its type's alarm catalog (titles, default severities, repair advice).
    let catalog: [AlarmDefinition]
    /// When the OMC received the push.
    let now: Date
    /// How far after `now` an event time may be.
    let futureToleranceSeconds: Int
    /// Most alarms an array may hold.
    let maximumAlarms: Int

    /// What went wrong with a push.
    enum Refusal: Error {
        /// Malformed: every failing field, in one message.
        case invalid([LocalizedMessage])
        /// An alarm names another NE than the one whose credential came with it.
        case otherNE(LocalizedMessage)
    }

    /// The reports in `body`, in order.
    func reports(_ body: JSONValue) throws(Refusal) -> [AlarmReport] {
        let items: [(prefix: String, fields: [String: JSONValue])]
        switch body {
        case .object(let fields):
            items = [("", fields)]
        case .array(let values):
            guard !values.isEmpty else { throw .invalid(["body: must hold at least one alarm"]) }
            guard values.count <= maximumAlarms else {
                throw .invalid(["body: must hold at most \(maximumAlarms) alarms, not \(values.count)"])
            }
            var objects: [(String, [String: JSONValue])] = []
            var problems: [LocalizedMessage] = []
            for (index, value) in values.enumerated() {
                if case .object(let fields) = value { objects.append(("[\(index)].", fields)) } else { problems.append("[\(index)]: must be an alarm object") }
            }
            if !problems.isEmpty { throw .invalid(problems) }
            items = objects
        default:
            throw .invalid(["body: must be an alarm object or an array of alarm objects"])
        }
        var reports: [AlarmReport] = []
        var problems: [LocalizedMessage] = []
        for (prefix, fields) in items {
            if let other = otherNE(fields) { throw .otherNE("\(prefix.isEmpty ? "the alarm" : String(prefix.dropLast())) is of NE \(other); an NE pushes only its own alarms, and this credential is \(element.key)'s") }
            var reader = FieldReader(prefix: prefix, fields: fields)
            if let report = report(&reader) { reports.append(report) }
            problems += reader.problems
        }
        if !problems.isEmpty { throw .invalid(problems) }
        return reports
    }

    /// The `TYPE/id` an alarm names when it is not the pushing NE.
    private func otherNE(_ fields: [String: JSONValue]) -> String? {
        let type = fields["neType"]?.stringValue ?? element.neType
        let id = fields["neId"]?.stringValue ?? element.neID
        return type.uppercased() == element.neType && id == element.neID ? nil : "\(type.uppercased())/\(id)"
    }

    private func report(_ reader: inout FieldReader) -> AlarmReport? {
        let status = reader.integer("alarmStatus", required: true, allowed: [0, 1], rule: "must be 1 (raised) or 0 (cleared)")
        let code = reader.code("alarmCode")
        let eventTime = reader.time("eventTime", now: now, futureTolerance: TimeInterval(futureToleranceSeconds))
        let object = reader.text("objectId", max: 256) ?? reader.text("locationInfo", max: 256)
        let title = reader.text("alarmTitle", max: 256)
        let typeName = reader.text("alarmType", max: 64)
        let type = typeName.flatMap(AlarmType.init(documentName:))
        if let typeName, type == nil { reader.reject("alarmType", "must be one of \(AlarmType.documentNames), not '\(typeName)'") }
        var severity: AlarmSeverity?
        if let number = reader.integer("perceivedSeverity", required: false, allowed: nil, rule: nil) {
            severity = AlarmSeverity(number: number)
            if severity == nil { reader.reject("perceivedSeverity", "must be 1 (critical), 2 (major), 3 (minor), 4 (warning) or 5 (indeterminate), not \(number)") }
        } else if let name = reader.text("origSeverity", max: 32) {
            severity = AlarmSeverity(name: name)
            if severity == nil { reader.reject("origSeverity", "must be Critical, Major, Minor, Warning, Indeterminate or Event, not '\(name)'") }
        }
        let specificProblem = reader.text("specificProblem", max: 512) ?? ""
        let additionalText = reader.text("additionalText", max: 2048) ?? reader.text("addInfo", max: 2048) ?? ""
        let source = reader.text("alarmSource", max: 256) ?? element.name
        let neAlarmID = reader.text("alarmId", max: 128) ?? ""
        let probableCause = reader.text("probableCause", max: 256) ?? ""
        guard let status, let code, let eventTime else { return nil }
        let definition = catalog.first { $0.code == code }
        if status == 1 {
            if title == nil, definition == nil {
                reader.reject("alarmTitle", "is required: alarm code \(code) is not in the \(element.neType) alarm catalog")
            }
            if severity == nil, definition == nil, reader.isMissing("perceivedSeverity"), reader.isMissing("origSeverity") {
                reader.reject("perceivedSeverity", "is required: alarm code \(code) is not in the \(element.neType) alarm catalog")
            }
        }
        return AlarmReport(neType: element.neType, neID: element.neID, neName: element.name, managedObject: object ?? element.name,
                           alarmCode: code, title: title, alarmType: type, probableCause: probableCause,
                           specificProblem: specificProblem, additionalText: additionalText, severity: severity,
                           eventTime: eventTime, transition: status == 1 ? .raise : .clear, neAlarmID: neAlarmID,
                           source: source, origin: .ne)
    }
}

/// Reads the fields of one pushed alarm, collecting every problem with the field's name.
struct FieldReader {
    let prefix: String
    let fields: [String: JSONValue]
    private(set) var problems: [LocalizedMessage] = []

    init(prefix: String, fields: [String: JSONValue]) {
        self.prefix = prefix
        self.fields = fields
    }

    mutating func reject(_ field: String, _ rule: LocalizedMessage) {
        problems.append("\(prefix)\(field): \(rule)")
    }

    func isMissing(_ field: String) -> Bool {
        fields[field] == nil || fields[field] == .null
    }

    /// Text of at most `max` characters without control characters; `nil` when absent, null or empty.
    mutating func text(_ field: String, max: Int) -> String? {
        guard let value = fields[field], value != .null else { return nil }
        guard let text = value.stringValue else {
            reject(field, "must be a string")
            return nil
        }
        guard text.count <= max else {
            reject(field, "must be at most \(max) characters")
            return nil
        }
        guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) else {
            reject(field, "must not contain control characters")
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    mutating func integer(_ field: String, required: Bool, allowed: [Int]?, rule: LocalizedMessage?) -> Int? {
        guard let value = fields[field], value != .null else {
            if required { reject(field, "is required") }
            return nil
        }
        guard let number = value.intValue ?? value.stringValue.flatMap({ Int($0) }) else {
            reject(field, "must be a whole number")
            return nil
        }
        if let allowed, !allowed.contains(number) {
            reject(field, rule ?? "must be one of \(allowed.map(String.init).joined(separator: ", "))")
            return nil
        }
        return number
    }

    /// The alarm code: a whole number (as the document sends it) or a catalog code (`UDM-1001`).
    mutating func code(_ field: String) -> String? {
        guard let value = fields[field], value != .null else {
            reject(field, "is required")
            return nil
        }
        if let number = value.intValue { return String(number) }
        guard let text = value.stringValue, !text.isEmpty, text.count <= 64,
              text.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            reject(field, "must be a whole number or 1 to 64 letters, digits, '-', '_' or '.'")
            return nil
        }
        return text
    }

    /// `yyyy-MM-dd HH:mm:ss` in the OMC's time zone, not before 2000 nor later than `futureTolerance` after `now`.
    mutating func time(_ field: String, now: Date, futureTolerance: TimeInterval) -> Date? {
        guard let value = fields[field], value != .null else {
            reject(field, "is required")
            return nil
        }
        guard let text = value.stringValue, let time = DocumentTime.parse(text) else {
            reject(field, "must be a time yyyy-MM-dd HH:mm:ss")
            return nil
        }
        if time > now.addingTimeInterval(futureTolerance) {
            reject(field, "is \(text), more than \(Int(futureTolerance)) s after the OMC's time \(DocumentTime.format(now)): the NE's clock is wrong")
            return nil
        }
        if time < FieldReader.earliest {
            reject(field, "is \(text), before 2000-01-01: the NE's clock is wrong")
            return nil
        }
        return time
    }

    static let earliest = DocumentTime.parse("2000-01-01 00:00:00") ?? Date(timeIntervalSince1970: 946_684_800)
}
