/// How an NE misbehaves, as set through the control API.
public enum FaultMode: String, Sendable, CaseIterable, Codable {
    /// Healthy.
    case none
    /// Not listening: connections are refused.
    case refuse
    /// Every answer waits `delayMs` first.
    case delay
    /// Every request is carried out at once, and its answer then waits `delayMs`: a change is
    /// applied before its sender hears of it (a sender killed meanwhile never does).
    case lateAnswer = "late-answer"
    /// Answers 200 `application/json` with a truncated, invalid JSON body.
    case malformed
    /// Sends the status line, headers announcing more body than it sends, part of the body, then
    /// closes the connection.
    case close
    /// Alternates refusing and listening every `flapSeconds`, starting with refusing.
    case flap
}
