/// Something that happened, published on the host's in-process event bus (an NE went offline, an
/// alarm was raised, a user was logged out). Event types that several plugins share live in
/// `PluginAPI`; a plugin's private events may live in the plugin.
public protocol OMCEvent: Sendable {
    /// A stable name (`ne.stateChanged`), for logs and the mock host's captured events.
    static var eventName: String { get }
}

/// Publishes events to every subscriber.
public protocol EventPublisher: Sendable {
    /// Delivers `event` to every subscriber of its type and returns when they have all handled it.
    /// A subscriber's failure is logged, never propagated to the publisher.
    func publish<Event: OMCEvent>(_ event: Event) async
}

/// Declared subscription of a plugin to one event type.
public struct EventSubscription: Sendable {
    /// The event type's ``OMCEvent/eventName``.
    public let eventName: String
    /// Receives events of that type.
    public let deliver: @Sendable (any OMCEvent, PluginContext) async throws -> Void
}
