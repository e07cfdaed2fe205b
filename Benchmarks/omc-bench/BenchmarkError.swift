/// A benchmark that could not be carried out (as opposed to one that ran and missed its target).
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
