import Foundation
import PluginAPI

/// Wall-clock time.
struct SystemClock: OMCClock {
    func now() -> Date { Date() }

    func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(for: .seconds(seconds)) }
        try Task.checkCancellation()
    }
}
