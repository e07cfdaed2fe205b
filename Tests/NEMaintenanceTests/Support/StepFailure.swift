/// A test step that did not get the answer it needs, with the answer it got.
struct StepFailure: Error, CustomStringConvertible {
    let step: String
    let status: Int
    let answer: String

    var description: String { "\(step) failed with HTTP \(status): \(answer)" }
}
