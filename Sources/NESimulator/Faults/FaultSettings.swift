/// A fault mode with its parameters.
public struct FaultSettings: Sendable, Hashable {
    /// The mode.
    public var mode: FaultMode
    /// Delay before each answer in `delay` mode, milliseconds.
    public var delayMs: Int
    /// Half-period of `flap` mode, seconds.
    public var flapSeconds: Double

    /// Delay used when `delay` is set without `delayMs`.
    public static let defaultDelayMs = 1000
    /// Half-period used when `flap` is set without `flapSeconds`.
    public static let defaultFlapSeconds = 1.0
    /// Longest accepted delay: ten minutes.
    public static let maximumDelayMs = 600_000
    /// Accepted flap half-periods, seconds.
    public static let flapRange: ClosedRange<Double> = 0.1...3600

    /// Settings.
    public init(mode: FaultMode = .none, delayMs: Int = FaultSettings.defaultDelayMs, flapSeconds: Double = FaultSettings.defaultFlapSeconds) {
        self.mode = mode
        self.delayMs = delayMs
        self.flapSeconds = flapSeconds
    }

    /// A healthy NE.
    public static let healthy = FaultSettings()

    /// Reads `{"mode": "delay", "delayMs": 2000, "flapSeconds": 1}`; throws a 400 ``NEReplyError`` that
    /// says what is wrong.
    public static func parse(_ body: JSONValue) throws(NEReplyError) -> FaultSettings {
        let modes = FaultMode.allCases.map(\.rawValue).joined(separator: ", ")
        guard let fields = body.objectValue else {
            throw NEReplyError(status: 400, "the body must be a JSON object like {\"mode\": \"delay\", \"delayMs\": 2000}")
        }
        let known = ["mode", "delayMs", "flapSeconds"]
        if let unknown = fields.keys.sorted().first(where: { !known.contains($0) }) {
            throw NEReplyError(status: 400, "unknown field '\(unknown)'; expected: \(known.joined(separator: ", "))")
        }
        guard let modeValue = fields["mode"] else { throw NEReplyError(status: 400, "mode is required; one of: \(modes)") }
        guard let text = modeValue.stringValue, let mode = FaultMode(rawValue: text.lowercased()) else {
            throw NEReplyError(status: 400, "mode must be one of: \(modes); got \(modeValue.displayText)")
        }
        var settings = FaultSettings(mode: mode)
        if let value = fields["delayMs"] {
            guard let delay = value.intValue, (0...maximumDelayMs).contains(delay) else {
                throw NEReplyError(status: 400, "delayMs must be a whole number of milliseconds from 0 to \(maximumDelayMs); got \(value.displayText)")
            }
            settings.delayMs = delay
        }
        if let value = fields["flapSeconds"] {
            guard let seconds = value.doubleValue, seconds.isFinite, flapRange.contains(seconds) else {
                throw NEReplyError(status: 400, "flapSeconds must be a number of seconds from \(flapRange.lowerBound) to \(Int(flapRange.upperBound)); got \(value.displayText)")
            }
            settings.flapSeconds = seconds
        }
        return settings
    }

    /// `{"mode", "delayMs", "flapSeconds"}`.
    public var json: JSONValue {
        ["mode": .string(mode.rawValue), "delayMs": .int(delayMs), "flapSeconds": .double(flapSeconds)]
    }
}
