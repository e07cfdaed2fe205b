import PluginAPI

/// The rules a request breaks, collected so that one 400 names every failing field.
struct Problems {
    private(set) var messages: [LocalizedMessage] = []

    var isEmpty: Bool { messages.isEmpty }

    /// `field: rule`.
    mutating func report(_ field: String, _ rule: LocalizedMessage) {
        messages.append("\(field): \(rule)")
    }

    /// Throws every problem as one invalid-input error; does nothing when there is none.
    func check() throws(OMCError) {
        guard !messages.isEmpty else { return }
        throw OMCError(.invalidInput, messages.joined(separator: "; "))
    }
}
