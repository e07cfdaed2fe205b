import Foundation
import PluginAPI

/// Records as tab-separated text: a header line of field names, then one record per line. It is the
/// body of provisioning requests to the NE and the format of the batch files the plugin keeps until
/// both sides hold a batch. Field rules exclude tabs and line breaks, so no quoting is needed.
enum TabularText {
    /// The header line of `schema`.
    static func header(_ schema: RecordSchema) -> String { schema.names.joined(separator: "\t") + "\n" }

    /// One record's line.
    static func line(_ record: UDMRecord) -> String { record.values.joined(separator: "\t") + "\n" }

    /// A whole body in memory, for a few records.
    static func body(_ schema: RecordSchema, _ records: [UDMRecord]) -> [UInt8] {
        Array((header(schema) + records.map(line).joined()).utf8)
    }

    /// IMSIs, one per line, for removals.
    static func imsiBody(_ imsis: [String]) -> [UInt8] {
        Array(imsis.map { $0 + "\n" }.joined().utf8)
    }
}
