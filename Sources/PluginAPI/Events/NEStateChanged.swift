public import Foundation

/// Published when a registered NE goes online or offline (as the NE management plugin's polling sees it).
public struct NEStateChanged: OMCEvent {
    /// `ne.stateChanged`.
    public static let eventName = "ne.stateChanged"
    /// The NE.
    public let element: NetworkElement
    /// Whether it now answers.
    public let online: Bool
    /// Why it is offline (`NE AMF/001 (10.0.0.5:8080) refused the connection`); `nil` when online.
    public let reason: String?
    /// When the change was seen.
    public let time: Date

    /// An event.
    public init(element: NetworkElement, online: Bool, reason: String?, time: Date) {
        self.element = element
        self.online = online
        self.reason = reason
        self.time = time
    }
}
