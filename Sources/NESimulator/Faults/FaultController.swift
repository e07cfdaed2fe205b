import Synchronization

/// Switches one NE between fault modes at run time: it owns the NE's listener and the flapping task,
/// and applies changes one at a time.
public final class FaultController: Sendable {
    /// What requests read.
    public let state: FaultState
    private let listener: HTTPListener
    private let chain = TaskChain()
    private let flapping = FlapTaskHolder()
    /// Set by ``shutdown()``: a restart under way then leaves the socket closed.
    private let isShutDown = Mutex(false)

    /// A controller for `listener`, healthy.
    public init(listener: HTTPListener, state: FaultState = FaultState()) {
        self.listener = listener
        self.state = state
    }

    /// Puts `settings` in force: `refuse` closes the socket, every other mode but `flap` (re)opens it on
    /// the same port, `flap` starts alternating. Throws when the socket cannot be reopened (the port
    /// was taken meanwhile).
    public func apply(_ settings: FaultSettings) async throws {
        try await chain.run { [self] in
            await flapping.cancel()
            state.set(settings)
            switch settings.mode {
            case .refuse:
                await listener.stop()
            case .flap:
                // Refuse at once, so the answer to this request already shows the NE down.
                await listener.stop()
                flapping.start(Task { [listener] in
                    await Self.flap(listener, every: settings.flapSeconds)
                })
            case .none, .delay, .lateAnswer, .malformed, .close:
                try await listener.listen()
            }
        }
    }

    /// Opens the socket at start-up; returns the port.
    public func start() async throws -> Int {
        try await chain.run { [listener] in try await listener.listen() }
    }

    /// Restarts the NE as an activation does: closes the socket, runs `whileOffline` (the switch to the
    /// new version), waits `seconds`, and listens again unless a fault that keeps it closed was set.
    public func restart(offlineFor seconds: Double, whileOffline: @escaping @Sendable () -> Void) async {
        _ = try? await chain.run { [listener] in await listener.stop() }
        whileOffline()
        try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        _ = try? await chain.run { [self] in
            let closedForGood = isShutDown.withLock { $0 }
            if !closedForGood, state.current.mode != .refuse, state.current.mode != .flap { try await listener.listen() }
        }
    }

    /// Stops flapping and closes the socket for good.
    public func shutdown() async {
        isShutDown.withLock { $0 = true }
        _ = try? await chain.run { [self] in
            await flapping.cancel()
            await listener.stop()
        }
    }

    /// Listens, then refuses, then listens… every `seconds` until cancelled; the socket is closed when
    /// it starts.
    private static func flap(_ listener: HTTPListener, every seconds: Double) async {
        var listening = false
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            if Task.isCancelled { break }
            listening.toggle()
            if listening {
                _ = try? await listener.listen()
            } else {
                await listener.stop()
            }
        }
    }
}
