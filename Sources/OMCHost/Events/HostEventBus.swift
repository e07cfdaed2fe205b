package import PluginAPI
import Synchronization

/// The in-process event bus. Subscriptions are added while the host assembles, then only read.
package final class HostEventBus: EventPublisher {
    struct Subscriber: Sendable {
        let subscription: EventSubscription
        let context: PluginContext
    }

    private let subscribers = Mutex<[String: [Subscriber]]>([:])
    private let observer: (@Sendable (any OMCEvent) -> Void)?
    private let failureLogger: @Sendable (String) -> Void

    /// `observer` sees every event first (the mock host records them); failures of subscribers go to `failureLogger`.
    init(observer: (@Sendable (any OMCEvent) -> Void)? = nil, failureLogger: @escaping @Sendable (String) -> Void) {
        self.observer = observer
        self.failureLogger = failureLogger
    }

    func add(_ subscription: EventSubscription, context: PluginContext) {
        subscribers.withLock { $0[subscription.eventName, default: []].append(Subscriber(subscription: subscription, context: context)) }
    }

    package func publish<Event: OMCEvent>(_ event: Event) async {
        observer?(event)
        let targets = subscribers.withLock { $0[Event.eventName] ?? [] }
        for target in targets {
            do {
                try await target.subscription.deliver(event, target.context)
            } catch {
                failureLogger("subscriber \(target.context.pluginID) failed on \(Event.eventName): \(error)")
            }
        }
    }
}
