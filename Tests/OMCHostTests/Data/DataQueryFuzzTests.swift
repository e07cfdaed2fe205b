import Foundation
@testable import OMCHost
import PluginAPI
import Testing

/// 100,000 generated and mutated filters: the grammar never crashes, refuses with a position inside
/// the text, and every statement it accepts is made only of declared columns, keywords and
/// placeholders, and runs on SQLite under the owning plugin's isolation.
@Suite struct DataQueryFuzzTests {
    static let columns = DataQueryParserTests.columns
    static let sqlColumns: Set<String> = ["ne_type", "ne_id", "port", "cpu_load"]
    static let keywords: Set<String> = ["AND", "OR", "NOT", "IN", "LIKE", "BETWEEN", "IS", "NULL", "lower"]

    /// SplitMix64: fast, seeded, the same inputs on every run.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
    }

    static let names = ["ne_type", "NE_ID", "port", "load", "password", "passwd", "sqlite_master", "rowid", "ne_info", "x"]
    static let hostile = [";", "--", "/*", "*/", "'", "''", "\"", "`", "\u{0}", "\\", "0x1", "||", " UNION SELECT * FROM security_user",
                          " OR 1=1", "%", "_", "é", "\u{202E}", "\n", "(", ")", ",", "=", "!", "<>", "?", "$1", ":a", "@a",
                          " AND ", " NOT ", " IN ", " LIKE ", " BETWEEN ", " IS NULL", "1e9", "-", "-1", "99999999999999999999",
                          "sqlite_version()", "CAST(", "DROP TABLE ne_info", "ATTACH 'x' AS y", "PRAGMA", "x'00'"]

    static func literal(_ random: inout Random) -> String {
        switch random.below(6) {
        case 0: return String(random.below(100_000) - 50_000)
        case 1: return "\(random.below(1000)).\(random.below(100))"
        case 2: return "'" + random.pick(hostile).replacingOccurrences(of: "'", with: "''") + "'"
        case 3: return "'" + random.pick(["UDM", "001", "%U%", "a_b", "O''Brien", ""]) + "'"
        case 4: return random.pick(hostile)
        default: return "'" + String(random.below(10)) + "'"
        }
    }

    static func condition(_ random: inout Random, depth: Int) -> String {
        if depth > 0, random.below(3) == 0 {
            let joiner = random.pick([" AND ", " OR ", " and ", " Or "])
            return "(" + condition(&random, depth: depth - 1) + joiner + condition(&random, depth: depth - 1) + ")"
        }
        if depth > 0, random.below(8) == 0 { return "NOT " + condition(&random, depth: depth - 1) }
        let column = random.below(10) < 8 ? random.pick(["ne_type", "ne_id", "port", "load"]) : random.pick(names)
        switch random.below(7) {
        case 0: return "\(column) IN (" + (0...random.below(4)).map { _ in literal(&random) }.joined(separator: ", ") + ")"
        case 1: return "\(column) \(random.pick(["LIKE", "NOT LIKE"])) \(literal(&random))"
        case 2: return "\(column) \(random.pick(["BETWEEN", "NOT BETWEEN"])) \(literal(&random)) AND \(literal(&random))"
        case 3: return "\(column) IS \(random.pick(["", "NOT "]))NULL"
        default: return "\(column) \(random.pick(["=", "<>", "!=", "<", "<=", ">", ">="])) \(literal(&random))"
        }
    }

    static func mutate(_ text: String, _ random: inout Random) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...random.below(4) {
            let at = scalars.isEmpty ? 0 : random.below(scalars.count + 1)
            switch random.below(5) {
            case 0: scalars.insert(contentsOf: random.pick(hostile).unicodeScalars, at: at)
            case 1 where !scalars.isEmpty:
                let end = min(scalars.count, at + 1 + random.below(6))
                if at < end { scalars.removeSubrange(at..<end) }
            case 2 where !scalars.isEmpty:
                let end = min(scalars.count, at + 1 + random.below(12))
                if at < end { scalars.insert(contentsOf: scalars[at..<end], at: at) }
            case 3: scalars.insert(Unicode.Scalar(UInt8(random.below(128))), at: at)
            default: scalars = Array(String(String.UnicodeScalarView(scalars)).uppercased().unicodeScalars)
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Whether `sql` holds nothing but what the grammar writes: declared columns, its keywords,
    /// placeholders, parentheses, commas and comparison operators.
    static func isBuiltByGrammar(_ filter: DataFilter) -> Bool {
        var words: [String] = []
        var current = ""
        for character in filter.sql {
            if character.isLetter || character == "_" {
                current.append(character)
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                guard " ?(),=<>".contains(character) else { return false }
            }
        }
        if !current.isEmpty { words.append(current) }
        let placeholders = filter.sql.filter { $0 == "?" }.count
        return placeholders == filter.arguments.count && words.allSatisfy { sqlColumns.contains($0) || keywords.contains($0) }
    }

    @Test func aHundredThousandFiltersNeverReachTheEngineUnbuilt() async throws {
        let database = try HostDatabase.inMemory()
        try await database.write { db in
            try db.execute("CREATE TABLE ne_info (ne_type TEXT, ne_id TEXT, port INTEGER, cpu_load REAL, password_hash TEXT)")
            for index in 0..<20 {
                try db.execute("INSERT INTO ne_info VALUES (?, ?, ?, ?, ?)",
                               [.text(["UDM", "PCF", "AMF"][index % 3]), .text(String(format: "%03d", index)), .integer(Int64(3000 + index)),
                                .real(Double(index) / 20), .text("secret-\(index)")])
            }
            try db.execute("CREATE TABLE security_user (user_name TEXT)")
        }
        let owner = database.scoped(to: DatabaseScope(pluginID: "ne", appendOnlyTables: []))
        let parser = DataQueryParser(table: "ne_info", columns: Self.columns)
        var random = Random(state: 20_261_206)
        let seeds = ["ne_type = 'UDM'", "port > 3000 AND ne_id LIKE '%1%'", "NOT (ne_type IN ('UDM','PCF') OR port BETWEEN 1 AND 9)",
                     "ne_type = 'UDM'; DROP TABLE ne_info", "password = 'x' OR 1=1", "ne_id = '' OR ''=''", "load >= 0.5"]
        var accepted: [DataFilter] = []
        var refused = 0
        for round in 0..<100_000 {
            let input: String
            switch round % 3 {
            case 0: input = Self.condition(&random, depth: 3)
            case 1: input = Self.mutate(Self.condition(&random, depth: 2), &random)
            default: input = Self.mutate(random.pick(seeds), &random)
            }
            do {
                let filter = try parser.condition(input)
                #expect(Self.isBuiltByGrammar(filter), "\(input) → \(filter.sql)")
                accepted.append(filter)
            } catch {
                refused += 1
                #expect((1...input.unicodeScalars.count + 1).contains(error.position), "\(input): position \(error.position)")
            }
        }
        #expect(accepted.count > 10_000 && refused > 10_000, "accepted \(accepted.count), refused \(refused)")
        // Every accepted filter runs, on the owner's handle (its isolation refuses any other table).
        let failures = try await owner.read { [accepted] db -> [String] in
            var failures: [String] = []
            for filter in accepted {
                do {
                    _ = try db.query("SELECT ne_type, ne_id, port, cpu_load FROM ne_info WHERE \(filter.sql) LIMIT 3", filter.arguments)
                } catch {
                    failures.append("\(filter.sql): \(error)")
                }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
        let rows = try await database.read { db in try db.first("SELECT count(*) AS n FROM ne_info")?.int("n") }
        #expect(rows == 20)
    }
}
