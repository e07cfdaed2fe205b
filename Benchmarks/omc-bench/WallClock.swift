import Foundation
import PluginAPI

/// Wall-clock time for the in-process OMC. The host's own clock is internal to OMCHost; this one
/// behaves the same and keeps the benchmark inside the public plugin API.
struct WallClock: OMCClock {
    func now() -> Date { Date() }

    func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
        try Task.checkCancellation()
    }
}
