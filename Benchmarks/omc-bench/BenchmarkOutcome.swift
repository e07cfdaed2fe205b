import Foundation

/// One row of the summary: what was measured against which target.
struct BenchmarkOutcome: Sendable {
    enum Verdict: Sendable {
        case pass
        case fail
        /// The benchmark could not run; the text says why.
        case error(String)
    }

    let name: String
    let target: String
    let measured: String
    let verdict: Verdict

    init(name: String, target: String, measured: String, passed: Bool) {
        self.name = name
        self.target = target
        self.measured = measured
        verdict = passed ? .pass : .fail
    }

    init(name: String, target: String, error: any Error) {
        self.name = name
        self.target = target
        measured = "-"
        verdict = .error(String(describing: error))
    }

    var result: String {
        switch verdict {
        case .pass: "PASS"
        case .fail: "FAIL"
        case .error: "ERROR"
        }
    }

    var couldNotRun: Bool {
        if case .error = verdict { return true }
        return false
    }
}

/// The final table, in columns.
enum SummaryTable {
    static func render(_ outcomes: [BenchmarkOutcome]) -> String {
        let headers = ["BENCHMARK", "TARGET", "MEASURED", "RESULT"]
        let rows = outcomes.map { [$0.name, $0.target, $0.measured, $0.result] }
        let widths = headers.indices.map { column in ([headers] + rows).map { $0[column].count }.max() ?? 0 }
        var lines = ([headers] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }
        lines.insert(String(repeating: "-", count: lines[0].count), at: 1)
        for outcome in outcomes {
            if case .error(let reason) = outcome.verdict { lines.append("ERROR in \(outcome.name): \(reason)") }
        }
        return lines.joined(separator: "\n")
    }
}
