import Foundation
import GRDB

/// What a plugin's tables look like, engine details aside: per table its columns (name, declared
/// type, nullability, default, primary-key position), indexes (name, uniqueness, columns) and foreign
/// keys, one line each, sorted. Two databases whose shapes are equal hold the same schema for the
/// plugin's SQL; `BLOB` reads as `BYTEA` (SQLite stores bytes the same under both) and `WITHOUT
/// ROWID` is not part of it. It compares a plugin's baseline with the history it replaces.
package enum SchemaShape {
    /// The shape of the tables, indexes and triggers whose names start with `prefix`.
    package static func lines(of database: HostDatabase, prefix: String) throws -> [String] {
        try database.writer.read { db in
            var lines: [String] = []
            let objects = try Row.fetchAll(db, sql: "SELECT type, name, tbl_name FROM sqlite_master WHERE name LIKE ? ESCAPE '\\' ORDER BY name",
                                           arguments: [prefix.replacingOccurrences(of: "_", with: "\\_") + "%"])
            for object in objects where object["type"] as String == "trigger" {
                lines.append("trigger \(object["name"] as String) on \(object["tbl_name"] as String)")
            }
            for table in objects where table["type"] as String == "table" {
                let name: String = table["name"]
                for column in try Row.fetchAll(db, sql: "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)", arguments: [name]) {
                    let type = (column["type"] as String).uppercased() == "BLOB" ? "BYTEA" : (column["type"] as String).uppercased()
                    lines.append("\(name) column \(column["name"] as String) \(type) notnull=\(column["notnull"] as Int)"
                                 + " default=\(column["dflt_value"] as String? ?? "none") pk=\(column["pk"] as Int)")
                }
                for index in try Row.fetchAll(db, sql: "SELECT name, \"unique\", origin FROM pragma_index_list(?)", arguments: [name]) {
                    let indexName: String = index["name"]
                    let columns = try Row.fetchAll(db, sql: "SELECT name FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno", arguments: [indexName])
                        .map { ($0["name"] as String?) ?? "<expression>" }
                    // SQLite names the indexes of UNIQUE and PRIMARY KEY constraints itself: only their columns count.
                    let shown = indexName.hasPrefix("sqlite_autoindex_") ? "(\(index["origin"] as String))" : indexName
                    lines.append("\(name) index \(shown) unique=\(index["unique"] as Int) on \(columns.joined(separator: ","))")
                }
                for key in try Row.fetchAll(db, sql: "SELECT \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?)", arguments: [name]) {
                    lines.append("\(name) foreign key \(key["from"] as String) -> \(key["table"] as String).\(key["to"] as String? ?? "")"
                                 + " on update \(key["on_update"] as String) on delete \(key["on_delete"] as String)")
                }
            }
            return lines.sorted()
        }
    }
}
