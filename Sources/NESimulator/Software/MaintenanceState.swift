import Synchronization

/// One NE's software and maintenance state: the version it runs, the one it ran before, the
/// packages it holds, whether it is restarting, and the failures the control API asked for. Behind a
/// lock, so that the systemState answer and the control API read it without an actor hop.
public final class MaintenanceState: Sendable {
    /// Restarts the NE: closes its socket, runs the closure while it is closed, waits the given
    /// seconds, and listens again. ``SimulatedNE`` installs it once its listener exists.
    public typealias Restart = @Sendable (_ offlineSeconds: Double, _ whileOffline: @escaping @Sendable () -> Void) async -> Void

    /// Seconds an NE stays offline while it restarts unless the control API says otherwise.
    public static let defaultRestartSeconds = 2.0

    private struct State {
        var running: String
        var previous: String?
        var packages: [String: SoftwarePackage] = [:]
        var restartingTo: String?
        var lastActivation: String?
        var failures: Set<MaintenanceFailure> = []
        var restartSeconds = MaintenanceState.defaultRestartSeconds
        var restart: Restart?
    }

    private let state: Mutex<State>

    /// An NE running `version`, holding no package.
    public init(version: String) {
        state = Mutex(State(running: version))
    }

    /// The version the NE runs.
    public var running: String { state.withLock { $0.running } }

    /// Whether the NE is between an accepted activation and its return.
    public var isRestarting: Bool { state.withLock { $0.restartingTo != nil } }

    /// Whether the control API told the NE to fail `step`.
    public func fails(_ step: MaintenanceFailure) -> Bool { state.withLock { $0.failures.contains(step) } }

    /// The package of `version`, if the NE holds it.
    public func package(_ version: String) -> SoftwarePackage? { state.withLock { $0.packages[version] } }

    /// Keeps a package that arrived whole.
    public func add(_ package: SoftwarePackage) {
        state.withLock { $0.packages[package.version] = package }
    }

    /// Installs how the NE restarts.
    public func installRestart(_ restart: @escaping Restart) {
        state.withLock { $0.restart = restart }
    }

    /// `{"runningVersion", "previousVersion", "packages", "restarting", "lastActivation"}`, as the NE's
    /// software endpoint answers.
    public var json: JSONValue {
        state.withLock { state in
            [
                "runningVersion": .string(state.running), "previousVersion": state.previous.map(JSONValue.string) ?? .null,
                "packages": .array(state.packages.keys.sorted().compactMap { state.packages[$0]?.json }),
                "restarting": .bool(state.restartingTo != nil), "lastActivation": state.lastActivation.map(JSONValue.string) ?? .null,
            ]
        }
    }

    /// Applies `{"failAt": ["activate", …], "restartSeconds": 2}` from the control API; throws a 400
    /// naming the problem, and changes nothing then.
    public func configure(_ body: JSONValue) throws(NEReplyError) {
        let steps = MaintenanceFailure.allCases.map(\.rawValue).joined(separator: ", ")
        guard let fields = body.objectValue else {
            throw NEReplyError(status: 400, #"the body must be a JSON object like {"failAt": ["activate"], "restartSeconds": 2}"#)
        }
        if let unknown = fields.keys.sorted().first(where: { !["failAt", "restartSeconds"].contains($0) }) {
            throw NEReplyError(status: 400, "unknown field '\(unknown)'; expected: failAt, restartSeconds")
        }
        var failures: Set<MaintenanceFailure>?
        if let value = fields["failAt"] {
            let names = value.arrayValue ?? [value]
            var parsed: Set<MaintenanceFailure> = []
            for name in names {
                guard let text = name.stringValue else { throw NEReplyError(status: 400, "failAt must name steps among: \(steps)") }
                if text.isEmpty || text == "none" { continue }
                guard let step = MaintenanceFailure(rawValue: text) else {
                    throw NEReplyError(status: 400, "failAt: '\(text)' is not a step; the steps are: \(steps)")
                }
                parsed.insert(step)
            }
            failures = parsed
        }
        var seconds: Double?
        if let value = fields["restartSeconds"] {
            guard let number = value.doubleValue, number.isFinite, (0...600).contains(number) else {
                throw NEReplyError(status: 400, "restartSeconds must be a number of seconds from 0 to 600; got \(value.displayText)")
            }
            seconds = number
        }
        state.withLock { state in
            if let failures { state.failures = failures }
            if let seconds { state.restartSeconds = seconds }
        }
    }

    /// `{"failAt", "restartSeconds"}`, as the control API shows them.
    public var settingsJSON: JSONValue {
        state.withLock { state in
            ["failAt": .array(state.failures.map(\.rawValue).sorted().map(JSONValue.string)), "restartSeconds": .double(state.restartSeconds)]
        }
    }

    /// Starts restarting into `target` (an activation or a rollback); answers how many seconds the NE
    /// will be offline, or a 409 when it is restarting already. The restart itself runs after a short
    /// pause, so that the answer leaves before the socket closes.
    public func restart(into target: String) throws(NEReplyError) -> Double {
        let (seconds, restart, bootFails): (Double, Restart?, Bool) = try state.withLock { state throws(NEReplyError) in
            if let current = state.restartingTo {
                throw NEReplyError(status: 409, "the NE is already restarting into \(current)")
            }
            state.restartingTo = target
            return (state.restartSeconds, state.restart, state.failures.contains(.boot))
        }
        Task { [self] in
            try? await Task.sleep(for: .milliseconds(200))
            let switchVersion: @Sendable () -> Void = { [self] in finishRestart(into: target, failed: bootFails) }
            if let restart {
                await restart(seconds, switchVersion)
            } else {
                switchVersion()
            }
        }
        return seconds
    }

    private func finishRestart(into target: String, failed: Bool) {
        state.withLock { state in
            state.restartingTo = nil
            if failed {
                state.lastActivation = "\(target) did not start; back on \(state.running)"
            } else {
                state.previous = state.running
                state.running = target
                state.lastActivation = "\(target) started"
            }
        }
    }
}
