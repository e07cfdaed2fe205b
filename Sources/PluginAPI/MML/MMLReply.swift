import Foundation

/// The answer of an MML command. Failures are thrown as ``OMCError``.
public struct MMLReply: Sendable {
    /// The text shown in the MML console.
    public let output: String
    /// The same answer as structured data, for scripts; `nil` when the text says it all.
    public let data: JSONValue?

    /// A reply.
    public init(output: String, data: JSONValue? = nil) {
        self.output = output
        self.data = data
    }

    /// A table: `output` aligned in columns, `data` an array of objects keyed by header.
    public static func table(headers: [String], rows: [[String]]) -> MMLReply {
        let widths = headers.indices.map { column in
            rows.reduce(headers[column].count) { max($0, column < $1.count ? $1[column].count : 0) }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                index < widths.count - 1 ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) : cell
            }.joined(separator: "  ")
        }
        let text = ([line(headers)] + rows.map(line)).joined(separator: "\n") + "\n(\(rows.count) record\(rows.count == 1 ? "" : "s"))"
        let objects = rows.map { row in
            JSONValue.object(Dictionary(uniqueKeysWithValues: zip(headers, row.map(JSONValue.string))))
        }
        return MMLReply(output: text, data: .array(objects))
    }
}
