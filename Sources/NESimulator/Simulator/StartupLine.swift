public import Foundation

/// One line `omc-nesim` prints on standard output at start-up, in this order: one `.ne` per NE (in
/// configuration order), then `.control`, then `.ready`. Processes that start the simulator parse
/// them with ``init(parsing:)``, so the format has one definition.
public enum StartupLine: Sendable, Hashable, CustomStringConvertible {
    /// `NE UDM/001 http://127.0.0.1:40411`: type and id, and the NE's base URL.
    case ne(type: String, id: String, url: URL)
    /// `control http://127.0.0.1:38579`: the control API's base URL.
    case control(url: URL)
    /// `ready`: every socket is open.
    case ready

    /// The line as printed, without its newline.
    public var description: String {
        switch self {
        case .ne(let type, let id, let url): return "NE \(type)/\(id) \(url.absoluteString)"
        case .control(let url): return "control \(url.absoluteString)"
        case .ready: return "ready"
        }
    }

    /// Parses a printed line; `nil` for anything else.
    public init?(parsing line: String) {
        let words = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init)
        switch words.first {
        case "NE":
            guard words.count == 3, let url = URL(string: words[2]) else { return nil }
            let key = words[1].split(separator: "/", maxSplits: 1).map(String.init)
            guard key.count == 2 else { return nil }
            self = .ne(type: key[0], id: key[1], url: url)
        case "control":
            guard words.count == 2, let url = URL(string: words[1]) else { return nil }
            self = .control(url: url)
        case "ready":
            guard words.count == 1 else { return nil }
            self = .ready
        default:
            return nil
        }
    }
}
