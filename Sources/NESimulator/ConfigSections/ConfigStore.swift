/// One NE's configuration sections, held in memory for the life of the process.
public actor ConfigStore {
    private enum Stored {
        case object([String: JSONValue])
        case list([[String: JSONValue]])
    }

    /// The largest list section, so that a runaway client cannot exhaust memory.
    public static let maximumRecords = 10_000
    private var sections: [String: (name: String, value: Stored)] = [:]

    /// A store holding `sections`; a later section with the same name replaces an earlier one, which is
    /// how an NE-type module overrides the generic defaults.
    public init(sections: [ConfigSection]) {
        for section in sections {
            let stored: Stored
            switch section.initial {
            case .object(let parameters): stored = .object(parameters)
            case .list(let records): stored = .list(records)
            }
            self.sections[section.name.lowercased()] = (section.name, stored)
        }
    }

    /// Names of all sections, sorted.
    public var sectionNames: [String] {
        sections.values.map(\.name).sorted()
    }

    /// A whole section (an object, or an array of records), or one record of a list when `loc` is given.
    public func read(_ name: String, loc: String? = nil) throws(NEReplyError) -> JSONValue {
        switch try section(name) {
        case .object(let parameters):
            return .object(parameters)
        case .list(let records):
            guard let loc else { return .array(records.map(JSONValue.object)) }
            return .object(records[try index(loc, count: records.count)])
        }
    }

    /// Merges `body` into an object section, or into record `loc` of a list section. A parameter that
    /// exists keeps its kind: a number stays a number. Returns the updated section or record.
    public func merge(_ name: String, body: JSONValue, loc: String? = nil) throws(NEReplyError) -> JSONValue {
        guard let changes = body.objectValue else {
            throw NEReplyError(status: 400, "the body must be a JSON object of parameters, like {\"logLevel\": \"debug\"}")
        }
        let key = name.lowercased()
        switch try section(name) {
        case .object(let parameters):
            let merged = try Self.merged(parameters, changes)
            sections[key]?.value = .object(merged)
            return .object(merged)
        case .list(var records):
            guard let loc else {
                throw NEReplyError(status: 400, "section \(name) is a list; give ?loc=N to change record N, or POST to add one")
            }
            let position = try index(loc, count: records.count)
            records[position] = try Self.merged(records[position], changes)
            sections[key]?.value = .list(records)
            return .object(records[position])
        }
    }

    /// Appends a record to a list section; returns its `loc`.
    public func append(_ name: String, record: JSONValue) throws(NEReplyError) -> Int {
        guard let fields = record.objectValue else {
            throw NEReplyError(status: 400, "the body must be a JSON object, the record to add")
        }
        guard case .list(var records) = try section(name) else {
            throw NEReplyError(status: 400, "section \(name) holds parameters, not records; use PUT to change them")
        }
        guard records.count < Self.maximumRecords else {
            throw NEReplyError(status: 400, "section \(name) already holds \(Self.maximumRecords) records, the most it can")
        }
        records.append(fields)
        sections[name.lowercased()]?.value = .list(records)
        return records.count - 1
    }

    /// Removes record `loc` from a list section; returns the removed record.
    public func remove(_ name: String, loc: String?) throws(NEReplyError) -> JSONValue {
        guard case .list(var records) = try section(name) else {
            throw NEReplyError(status: 400, "section \(name) holds parameters, not records; nothing to delete")
        }
        guard let loc else { throw NEReplyError(status: 400, "give ?loc=N, the record to delete") }
        let removed = records.remove(at: try index(loc, count: records.count))
        sections[name.lowercased()]?.value = .list(records)
        return .object(removed)
    }

    /// Every section by its name, as `read` shows it, for a configuration backup.
    public func snapshot() -> [(name: String, value: JSONValue)] {
        sections.values.sorted { $0.name < $1.name }.map { entry in
            switch entry.value {
            case .object(let parameters): return (entry.name, .object(parameters))
            case .list(let records): return (entry.name, .array(records.map(JSONValue.object)))
            }
        }
    }

    /// Replaces the sections named in `values` (a restore), all or none: every name must be a section
    /// of this NE and every value of the section's kind, else nothing changes.
    public func replace(_ values: [String: JSONValue]) throws(NEReplyError) {
        var replaced: [String: Stored] = [:]
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            switch (try section(name), value) {
            case (.object, .object(let parameters)):
                replaced[name.lowercased()] = .object(parameters)
            case (.list, .array(let records)):
                let objects = records.compactMap(\.objectValue)
                guard objects.count == records.count, objects.count <= Self.maximumRecords else {
                    throw NEReplyError(status: 400, "section \(name) must be a list of at most \(Self.maximumRecords) records")
                }
                replaced[name.lowercased()] = .list(objects)
            default:
                throw NEReplyError(status: 400, "section \(name) has the wrong shape: \(value.kindDescription)")
            }
        }
        for (key, value) in replaced { sections[key]?.value = value }
    }

    private func section(_ name: String) throws(NEReplyError) -> Stored {
        guard let entry = sections[name.lowercased()] else {
            throw NEReplyError(status: 404, "no configuration section '\(name)'; this NE has: \(sectionNames.joined(separator: ", "))")
        }
        return entry.value
    }

    private func index(_ loc: String, count: Int) throws(NEReplyError) -> Int {
        guard let position = Int(loc), position >= 0 else {
            throw NEReplyError(status: 400, "loc must be a record number from 0; got '\(loc)'")
        }
        guard position < count else {
            throw NEReplyError(status: 404, "no record at loc \(position); the section holds \(count)")
        }
        return position
    }

    private static func merged(_ current: [String: JSONValue], _ changes: [String: JSONValue]) throws(NEReplyError) -> [String: JSONValue] {
        var result = current
        for (key, value) in changes.sorted(by: { $0.key < $1.key }) {
            if key.isEmpty { throw NEReplyError(status: 400, "parameter names must not be empty") }
            if value == .null { throw NEReplyError(status: 400, "parameter \(key) is null; give it a value") }
            if let existing = current[key], !existing.isSameKind(as: value) {
                throw NEReplyError(status: 400, "parameter \(key) expects \(existing.kindDescription), got \(value.kindDescription)")
            }
            result[key] = value
        }
        return result
    }
}
