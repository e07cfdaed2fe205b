import Foundation

/// What the fuzz run saw: answers by status, the first few internal errors with their request, and
/// the time of each phase.
struct FuzzTally {
    private(set) var total = 0
    private(set) var statuses: [Int: Int] = [:]
    private(set) var parsed = 0
    private(set) var refusedByParser = 0
    private(set) var internalErrors: [String] = []
    private(set) var phases: [String] = []

    mutating func countParse(_ accepted: Bool) {
        total += 1
        if accepted { parsed += 1 } else { refusedByParser += 1 }
    }

    mutating func record(_ answer: (status: Int, body: [UInt8]), _ request: String) {
        total += 1
        statuses[answer.status, default: 0] += 1
        if answer.status == 500, internalErrors.count < 20 {
            internalErrors.append("\(request): \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
        }
    }

    mutating func lap(_ phase: String, _ count: Int, since started: ContinuousClock.Instant) {
        let seconds = Formatting.seconds(ContinuousClock.now - started)
        let line = "\(phase): \(Formatting.grouped(count)) inputs in \(Formatting.fixed(seconds)) s (\(Formatting.grouped(Int(Double(count) / max(seconds, 0.001))))/s)"
        phases.append(line)
        report("  " + line)
    }

    func outcome(name: String) -> BenchmarkOutcome {
        let byStatus = statuses.sorted { $0.key < $1.key }.map { "\($0.key): \(Formatting.grouped($0.value))" }.joined(separator: ", ")
        report("  MML parser: \(Formatting.grouped(parsed)) parsed, \(Formatting.grouped(refusedByParser)) refused; HTTP answers by status: \(byStatus)")
        for error in internalErrors { report("  HTTP 500 for \(error)") }
        let fiveHundreds = statuses[500, default: 0]
        let otherServerErrors = statuses.filter { $0.key > 500 }.values.reduce(0, +)
        return BenchmarkOutcome(name: name, target: "≥ 1,000,000 inputs, 0 crashes, 0 HTTP 500",
                                measured: "\(Formatting.grouped(total)) inputs, 0 crashes, \(fiveHundreds) HTTP 500, \(otherServerErrors) NE 502/504",
                                passed: total >= 1_000_000 && fiveHundreds == 0)
    }
}
