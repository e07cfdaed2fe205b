import Foundation
import NIOCore

/// A socket could not be opened.
public struct ListenerError: Error, Sendable, CustomStringConvertible {
    /// What wanted to listen: `UDM/001`, `the control API`.
    public let owner: String
    /// Address it tried.
    public let host: String
    /// Port it tried; 0 for a free one.
    public let port: Int
    /// Why it failed.
    public let reason: String

    /// An error.
    public init(owner: String, host: String, port: Int, reason: String) {
        self.owner = owner
        self.host = host
        self.port = port
        self.reason = reason
    }

    /// The same failure, said of `owner`; the reason of a socket error is its plain system message.
    init(owner: String, host: String, port: Int, error: any Error) {
        let reason: String
        if let error = error as? ListenerError {
            reason = error.reason
        } else if let error = error as? IOError {
            reason = String(cString: strerror(error.errnoCode))
        } else {
            reason = String(describing: error)
        }
        self.init(owner: owner, host: host, port: port, reason: reason)
    }

    /// `UDM/002 cannot listen on 127.0.0.1:8080: Address already in use`
    public var description: String { "\(owner) cannot listen on \(host):\(port): \(reason)" }
}
