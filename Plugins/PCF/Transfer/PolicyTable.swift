import Foundation
import PluginAPI

/// Rows of an import file as UE policies: the header row names the columns (any order, any case,
/// the document's field names); each later row becomes a policy, or a precise complaint about its line.
struct PolicyTable {
    private let positions: [(name: String, index: Int)]

    /// Reads the header row; `imsi` and `msisdn` columns are required, unknown columns are refused.
    init(header: [String]) throws(OMCError) {
        var positions: [(String, Int)] = []
        for (index, title) in header.enumerated() {
            let trimmed = title.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let name = UEPolicy.fieldNames.first(where: { $0.lowercased() == trimmed.lowercased() }) else {
                throw OMCError.invalid("file", "line 1: column '\(trimmed.prefix(40))' is not a UE policy field; the columns are \(UEPolicy.fieldNames.joined(separator: ", "))")
            }
            guard !positions.contains(where: { $0.0 == name }) else { throw OMCError.invalid("file", "line 1: column \(name) appears twice") }
            positions.append((name, index))
        }
        for required in ["imsi", "msisdn"] where !positions.contains(where: { $0.0 == required }) {
            throw OMCError.invalid("file", "line 1: the header row has no \(required) column")
        }
        self.positions = positions
    }

    /// The policy of one data row.
    func policy(_ cells: [String]) throws(OMCError) -> UEPolicy {
        var values: [String: String] = [:]
        for (name, index) in positions {
            values[name] = index < cells.count ? cells[index].trimmingCharacters(in: .whitespaces) : ""
        }
        return try UEPolicy(values)
    }
}
