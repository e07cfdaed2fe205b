import Foundation
import PluginAPI

/// A trace task's fields after every rule has been checked: what is stored and sent to the NE.
struct TraceTaskDraft: Sendable {
    /// The only trace type the document's body describes; other types need fields it does not give.
    static let interfaceTrace = "Interface"
    /// Most interfaces one task traces.
    static let maximumInterfaces = 32

    let traceType: String
    let start: Date
    let end: Date
    let element: NetworkElement
    let interfaces: [String]
    let srcIp: String?
    let signalPort: Int?

    /// Checks `body` against the rules: a known trace type, an existing NE, interfaces its NE type
    /// declares traceable, an end after the start and in the future, a bounded length, and a
    /// complete, well-formed destination when one is given.
    static func validate(_ body: TraceTaskBody, settings: TraceSettings, context: PluginContext) async throws -> TraceTaskDraft {
        guard body.traceType.caseInsensitiveCompare(interfaceTrace) == .orderedSame else {
            throw OMCError.invalid("traceType", "'\(body.traceType)' is not supported; use \(interfaceTrace)")
        }
        let type = body.neType.uppercased()
        guard !type.isEmpty else { throw OMCError.invalid("neType", "is required") }
        guard !body.neId.isEmpty else { throw OMCError.invalid("neId", "is required") }
        guard let descriptor = context.host.neTypes[type] else {
            let known = context.host.neTypes.keys.sorted().joined(separator: ", ")
            throw OMCError.invalid("neType", known.isEmpty ? "no enabled plugin provides NE type '\(body.neType)'"
                : "no enabled plugin provides NE type '\(body.neType)'; known: \(known)")
        }
        let interfaces = try checkInterfaces(body.interfaces, of: descriptor)
        let start = try TraceTime.parse(body.startTime, field: "startTime")
        let end = try TraceTime.parse(body.endTime, field: "endTime")
        guard end > start else {
            throw OMCError.invalid("endTime", "\(body.endTime) must be after startTime \(body.startTime)")
        }
        let now = context.clock.now()
        guard end > now else {
            throw OMCError.invalid("endTime", "\(body.endTime) has already passed (the OMC's time is \(TraceTime.format(now)))")
        }
        let longest = TimeInterval(settings.maximumTaskDays) * 86_400
        guard end.timeIntervalSince(start) <= longest else {
            throw OMCError.invalid("endTime", "a task may run at most \(settings.maximumTaskDays) days")
        }
        let (srcIp, signalPort) = try checkDestination(ip: body.srcIp, port: body.signalPort)
        guard let element = try await context.network.element(type: type, id: body.neId) else {
            throw OMCError.notFound("NE \(type)/\(body.neId) is not registered")
        }
        return TraceTaskDraft(traceType: interfaceTrace, start: start, end: end, element: element,
                              interfaces: interfaces, srcIp: srcIp, signalPort: signalPort)
    }

    /// The interfaces in the spelling the NE type declares them, each once.
    static func checkInterfaces(_ given: [String], of descriptor: NETypeDescriptor) throws(OMCError) -> [String] {
        let declared = descriptor.traceableInterfaces
        guard !declared.isEmpty else {
            throw OMCError.invalid("interfaces", "NE type \(descriptor.name) declares no traceable interfaces")
        }
        guard !given.isEmpty else {
            throw OMCError.invalid("interfaces", "name at least one of \(declared.joined(separator: ", "))")
        }
        guard given.count <= maximumInterfaces else {
            throw OMCError.invalid("interfaces", "\(given.count) given; at most \(maximumInterfaces)")
        }
        var result: [String] = []
        for name in given {
            guard let known = declared.first(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) else {
                throw OMCError.invalid("interfaces", "NE type \(descriptor.name) has no traceable interface '\(name)'; it has \(declared.joined(separator: ", "))")
            }
            guard !result.contains(known) else { throw OMCError.invalid("interfaces", "\(known) is given twice") }
            result.append(known)
        }
        return result
    }

    /// Where traced messages go: both `srcIp` and `signalPort`, or neither (an empty `srcIp` is none).
    static func checkDestination(ip: String?, port: Int?) throws(OMCError) -> (String?, Int?) {
        let address = ip.flatMap { $0.isEmpty ? nil : $0 }
        switch (address, port) {
        case (nil, nil):
            return (nil, nil)
        case (let address?, let port?):
            guard IPAddress.isValid(address) else { throw OMCError.invalid("srcIp", "'\(address)' is not an IPv4 or IPv6 address") }
            guard (1...65_535).contains(port) else { throw OMCError.invalid("signalPort", "\(port) is not a port from 1 to 65535") }
            return (address, port)
        case (nil, _?):
            throw OMCError.invalid("srcIp", "is required with signalPort")
        case (_?, nil):
            throw OMCError.invalid("signalPort", "is required with srcIp")
        }
    }
}
