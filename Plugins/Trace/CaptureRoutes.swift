import Foundation
import PluginAPI

/// Packet captures on NEs: `POST /tcpdump/ne` (start/stop any NE's capture), `POST /tcpdump/neUPF`
/// (the UPF's pcap commands) and `GET /tcpdump/download`, which streams a capture file from the NE
/// through the OMC without holding it in memory.
enum CaptureRoutes {
    static let upfType = "UPF"

    static func declare(_ plugin: inout PluginRegistrar, settings: TraceSettings) {
        let answer = RouteAnswer.data(.object(["cmd": .string(), "fileName": .string(), "msg": .string()],
                                              required: ["cmd", "fileName", "msg"], name: "CaptureAnswer"))
        let captureBody = ValueSchema.object([
            "neType": .string(maxLength: 32), "neId": .string(maxLength: 32),
            "timeout": .number(description: "Seconds the capture runs, a whole number; needed to start"),
            "cmd": .string(description: "start or stop"),
            "timestamp": .string(description: "Names the capture file: 1 to 32 letters, digits, '-' or '_'"),
        ], required: ["neType", "neId", "cmd", "timestamp"], name: "Capture")
        let upfBody = ValueSchema.object([
            "neType": .string(maxLength: 32, description: "UPF"), "neId": .string(maxLength: 32),
            "runType": .string(description: "start or stop; must match cmd"),
            "cmd": .string(description: "A UPF pcap command (pcap trace/dispatch start/stop …)"),
            "timestamp": .string(description: "A label, 1 to 32 letters, digits, '-' or '_'"),
        ], required: ["neType", "neId", "runType", "cmd"], name: "UPFCapture")
        plugin.route(.post, "/tcpdump/ne", permission: "trace:capture:run", summary: "Start or stop a packet capture on an NE",
                     body: .json(captureBody), answer: answer) { request, context in
            try await capture(request, context, settings: settings)
        }
        plugin.route(.post, "/tcpdump/neUPF", permission: "trace:capture:run", summary: "Run a UPF packet-capture command",
                     body: .json(upfBody), answer: answer, handler: upfCapture)
        plugin.route(.get, "/tcpdump/download", permission: "trace:capture:download", summary: "Download a capture file from an NE",
                     query: [.string("neType", required: true, maxLength: 32), .string("neId", required: true, maxLength: 32),
                             .string("fileName", description: "The capture file, as the capture answer named it (required)")],
                     answer: .file(mediaType: "application/vnd.tcpdump.pcap"), handler: download)
    }

    static func capture(_ request: OMCRequest, _ context: PluginContext, settings: TraceSettings) async throws -> OMCResponse {
        let body = try await request.decode(CaptureBody.self)
        let stem = try checkTimestamp(body.timestamp)
        let starts: Bool
        switch body.cmd.lowercased() {
        case "start": starts = true
        case "stop": starts = false
        default: throw OMCError.invalid("cmd", "'\(body.cmd)' must be start or stop")
        }
        // Stopping needs no timeout (docs/API.md); starting does.
        let timeout = body.timeout ?? 0
        if starts, timeout.rounded() != timeout || timeout < 1 || timeout > Double(settings.maximumCaptureSeconds) {
            throw OMCError.invalid("timeout", (body.timeout == nil ? "is required to start a capture: " : "")
                + "must be a whole number of seconds from 1 to \(settings.maximumCaptureSeconds)")
        }
        let element = try await registeredElement(type: body.neType, id: body.neId, context: context)
        let fileName = try CaptureFileName.check("\(element.neType)_\(element.neID)_\(stem).pcap", field: "timestamp")
        guard starts else {
            let answer = try await NETraceClient.capture(["action": "stop", "fileName": .string(fileName)], on: element, context: context)
            return .success(CaptureAnswer(cmd: body.cmd, fileName: fileName, msg: "capture stopped on \(element.key)" + packetNote(answer)))
        }
        _ = try await NETraceClient.capture([
            "action": "start", "mode": "tcpdump", "fileName": .string(fileName), "timeoutSeconds": .number(timeout),
            "command": .string(body.cmd),
        ], on: element, context: context)
        return .success(CaptureAnswer(cmd: body.cmd, fileName: fileName,
                                      msg: "capture started on \(element.key); it stops after \(Int(timeout)) s or on stop"))
    }

    static func upfCapture(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let body = try await request.decode(UPFCaptureBody.self)
        guard body.neType.uppercased() == upfType else {
            throw OMCError.invalid("neType", "'\(body.neType)' is not UPF; other NEs capture with /tcpdump/ne")
        }
        if let timestamp = body.timestamp { _ = try checkTimestamp(timestamp) }
        let command = try UPFCaptureCommand.parse(body.cmd)
        let runType = body.runType.lowercased()
        guard runType == "start" || runType == "stop" else { throw OMCError.invalid("runType", "'\(body.runType)' must be start or stop") }
        guard (runType == "start") == command.starts else {
            throw OMCError.invalid("runType", "is \(runType) but cmd \(command.starts ? "starts" : "stops") a capture")
        }
        let element = try await registeredElement(type: body.neType, id: body.neId, context: context)
        var order: [String: JSONValue] = ["mode": .string(command.mode), "command": .string(body.cmd)]
        switch command {
        case .traceStart(let directions, let maxPackets, let interface, let fileName):
            order.merge(["action": "start", "fileName": .string(fileName), "maxPackets": .number(Double(maxPackets)),
                         "interface": .string(interface), "directions": .array(directions.map(JSONValue.string))]) { $1 }
        case .dispatchStart(let maxPackets, let fileName):
            order.merge(["action": "start", "fileName": .string(fileName), "maxPackets": .number(Double(maxPackets))]) { $1 }
        case .traceStop, .dispatchStop:
            order["action"] = "stop"
        }
        let answer = try await NETraceClient.capture(order, on: element, context: context)
        let fileName = answer["fileName"]?.stringValue ?? ""
        let verb = command.starts ? "started" : "stopped"
        return .success(CaptureAnswer(cmd: body.cmd, fileName: fileName,
                                      msg: "\(command.mode) capture \(verb) on \(element.key)" + packetNote(answer)))
    }

    static func download(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let type = try request.query.required("neType")
        let id = try request.query.required("neId")
        guard let rawName = request.query.pairs.first(where: { $0.name == "fileName" })?.value else {
            throw OMCError.invalid("fileName", "query parameter is required")
        }
        let fileName = try CaptureFileName.check(rawName, field: "fileName")
        let element = try await registeredElement(type: type, id: id, context: context)
        let answer = try await NETraceClient.download(fileName, from: element, context: context)
        var response = OMCResponse.stream(contentType: "application/vnd.tcpdump.pcap", fileName: fileName) { writer in
            for try await chunk in answer.body { try await writer.write(chunk) }
        }
        if let length = answer.contentLength { response.headers.add("Content-Length", String(length)) }
        return response
    }

    /// The timestamp that names a capture: letters, digits, `-` and `_`, at most 32.
    static func checkTimestamp(_ text: String) throws(OMCError) -> String {
        let allowed = text.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_") }
        guard allowed, (1...32).contains(text.count) else {
            throw OMCError.invalid("timestamp", "'\(text)' must be 1 to 32 letters, digits, '-' or '_' (like 20230704130000)")
        }
        return text
    }

    static func registeredElement(type: String, id: String, context: PluginContext) async throws -> NetworkElement {
        guard !type.isEmpty else { throw OMCError.invalid("neType", "is required") }
        guard !id.isEmpty else { throw OMCError.invalid("neId", "is required") }
        guard let element = try await context.network.element(type: type, id: id) else {
            throw OMCError.notFound("NE \(type.uppercased())/\(id) is not registered")
        }
        return element
    }

    /// `: 12 packets, 3456 bytes` from the NE's answer, when it counted.
    private static func packetNote(_ answer: JSONValue) -> String {
        guard let packets = answer["packets"]?.intValue, let bytes = answer["bytes"]?.intValue else { return "" }
        return ": \(packets) packets, \(bytes) bytes"
    }
}
