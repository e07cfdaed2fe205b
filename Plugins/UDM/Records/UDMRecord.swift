import PluginAPI

/// One record of a ``RecordSchema``: its values in the schema's field order, in clear.
struct UDMRecord: Sendable, Hashable {
    /// Values, in the schema's field order.
    var values: [String]

    /// The IMSI (always the first field).
    var imsi: String { values[0] }

    /// The value of the field `name`, empty when the schema has no such field.
    func value(_ name: String, in schema: RecordSchema) -> String {
        schema.position(of: name).map { values[$0] } ?? ""
    }

    /// The API document's JSON object: `id`, `neId` and every field, secrets replaced by
    /// ``UDMRecord/mask`` unless `reveal`.
    func json(id: Int64, neID: String, schema: RecordSchema, reveal: Bool) -> JSONValue {
        var object: [String: JSONValue] = ["id": .string(String(id)), "neId": .string(neID)]
        for (index, field) in schema.fields.enumerated() {
            object[field.name] = .string(field.secret && !reveal ? Self.mask : values[index])
        }
        return .object(object)
    }

    /// The same object as ``json(id:neID:schema:reveal:)`` in the success envelope, as bytes.
    func successBytes(id: Int64, neID: String, schema: RecordSchema, reveal: Bool) -> [UInt8] {
        var members: [(key: String, value: String)] = [("id", String(id)), ("neId", neID)]
        for (index, field) in schema.fields.enumerated() {
            members.append((field.name, field.secret && !reveal ? Self.mask : values[index]))
        }
        return JSONText.success(members)
    }

    /// What a secret reads as for callers without the right to see it.
    static let mask = "********************************"
}
