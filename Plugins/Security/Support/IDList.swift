import Foundation
import PluginAPI

/// The comma-separated ids of the document's delete routes (`/monitor/operlog/1,2,3`).
enum IDList {
    static let maximumCount = 1000

    static func parse(_ text: String, field: String) throws(OMCError) -> [Int64] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count <= maximumCount else { throw OMCError.invalid(field, "at most \(maximumCount) ids at once") }
        var ids: [Int64] = []
        for part in parts {
            guard let id = Int64(part), id > 0 else { throw OMCError.invalid(field, "'\(part)' is not an id; give positive integers separated by commas") }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// Deletes the rows of `table` whose `column` is in `ids`, all or none: when one is missing,
    /// nothing is deleted and the error names the missing ones. `table` and `column` come from code.
    static func deleteAll(_ ids: [Int64], table: String, column: String, what: String, in db: any DatabaseConnection) throws {
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let arguments = ids.map(SQLValue.integer)
        let found = Set(try db.query("SELECT \(column) AS id FROM \(table) WHERE \(column) IN (\(marks))", arguments)
            .compactMap { $0.int("id").map(Int64.init) })
        let missing = ids.filter { !found.contains($0) }
        guard missing.isEmpty else {
            throw OMCError.notFound("no \(what) with id \(missing.map(String.init).joined(separator: ", ")); nothing was deleted")
        }
        try db.execute("DELETE FROM \(table) WHERE \(column) IN (\(marks))", arguments)
    }
}
