import Foundation
import NEManagement
import OMCTesting
import PluginAPI
import Testing
import Trace
import UPF
import OMCTestSupport

/// Packet captures with the simulator as the NE: start, traffic, stop, download through the OMC, the
/// file read back as pcap; the UPF command syntax; file names that try to leave the capture folder.
@Suite(.serialized) struct CaptureTests {
    func capture(_ bed: TraceTestBed, _ cmd: String, neType: String = "AMF", timeout: Double = 60, timestamp: String = "20270115080000",
                 headers: [String: String] = [:]) async throws -> MockResponse {
        try await bed.host.send(.post, "/tcpdump/ne", json: [
            "neType": .string(neType), "neId": "001", "timeout": .number(timeout), "cmd": .string(cmd), "timestamp": .string(timestamp),
        ] as JSONValue, headers: headers)
    }

    func upf(_ bed: TraceTestBed, _ cmd: String, runType: String) async throws -> MockResponse {
        try await bed.host.send(.post, "/tcpdump/neUPF", json: [
            "neType": "UPF", "neId": "001", "runType": .string(runType), "cmd": .string(cmd), "timestamp": "20270115080000",
        ] as JSONValue)
    }

    func download(_ bed: TraceTestBed, _ fileName: String, neType: String = "AMF", headers: [String: String] = [:]) async -> MockResponse {
        await bed.host.send(.get, "/tcpdump/download?neType=\(neType)&neId=001&fileName=\(fileName)", headers: headers)
    }

    /// Every payload of the capture, in order, as text.
    func payloadText(_ reader: PcapReader) -> String {
        String(decoding: reader.segments.flatMap(\.payload), as: UTF8.self)
    }

    @Test func capturesTheNEsTrafficAndDownloadsAValidPcapThroughTheOMC() async throws {
        try await TraceTestBed.run() { bed async throws in
            let started = try await capture(bed, "start")
            #expect(started.code == 200, "\(started.text)")
            #expect(started.data?["fileName"]?.stringValue == "AMF_001_20270115080000.pcap")
            #expect(started.data?["cmd"]?.stringValue == "start")
            let busy = await download(bed, "AMF_001_20270115080000.pcap")
            #expect(busy.status == 409 && busy.msg?.contains("still running; stop it first") == true, "\(busy.text)")

            let state = await bed.host.send(.get, "/api/rest/systemManagement/v1/elementType/amf/objectType/systemState?ne_id=001")
            #expect(state.status == 200, "\(state.text)")
            let stopped = try await capture(bed, "stop")
            #expect(stopped.code == 200, "\(stopped.text)")
            #expect(stopped.data?["msg"]?.stringValue?.hasPrefix("capture stopped on AMF/001: ") == true, "\(stopped.text)")

            let file = await download(bed, "AMF_001_20270115080000.pcap")
            #expect(file.status == 200, "\(file.text)")
            #expect(file.headers["Content-Type"] == "application/vnd.tcpdump.pcap")
            #expect(file.headers["Content-Disposition"] == "attachment; filename=\"AMF_001_20270115080000.pcap\"")
            #expect(file.headers["Content-Length"] == String(file.body.count))
            let reader = try PcapReader(file.body)
            #expect(reader.linkType == 1 && reader.snapshotLength == 65_535)
            let port = UInt16(bed.simulator.port("AMF/001"))
            #expect(reader.segments.allSatisfy { $0.sourcePort == port || $0.destinationPort == port })
            #expect(reader.segments.contains { $0.flags == 0x02 }, "no SYN of a new connection")
            let text = payloadText(reader)
            #expect(text.contains("GET /api/rest/systemManagement/v1/elementType/amf/objectType/systemState HTTP/1.1"), "\(text.prefix(400))")
            #expect(text.contains("HTTP/1.1 200 OK"))
            #expect(text.contains("\"neType\":\"AMF\""))
            #expect(text.contains("\"action\":\"stop\""), "the stop request itself crossed the wire while capturing")
            #expect(bed.host.operations.map(\.title).filter { $0 == "Start or stop a packet capture on an NE" }.count == 2)
        }
    }

    @Test func refusesBadCaptureRequests() async throws {
        try await TraceTestBed.run() { bed async throws in
            #expect(try await capture(bed, "pause").msg == "cmd: 'pause' must be start or stop")
            #expect(try await capture(bed, "start", timeout: 0).msg == "timeout: must be a whole number of seconds from 1 to 600")
            #expect(try await capture(bed, "start", timeout: 1.5).msg == "timeout: must be a whole number of seconds from 1 to 600")
            #expect(try await capture(bed, "start", timestamp: "../x").msg == "timestamp: '../x' must be 1 to 32 letters, digits, '-' or '_' (like 20230704130000)")
            #expect(try await capture(bed, "start", neType: "PCF").msg == "NE PCF/001 is not registered")
            #expect(try await capture(bed, "stop").msg?.hasPrefix("NE AMF/001 refused to stop the capture: no capture into AMF_001_20270115080000.pcap is running") == true)
            #expect(try await capture(bed, "start").code == 200)
            let twice = try await capture(bed, "start")
            #expect(twice.status == 409 && twice.msg?.contains("is already running") == true, "\(twice.text)")
        }
    }

    @Test func aCaptureStopsByItselfAfterItsTimeout() async throws {
        try await TraceTestBed.run() { bed async throws in
            // 3 s: room for a loaded machine between the start and the first download, which must find
            // the capture still running.
            #expect(try await capture(bed, "start", timeout: 3, timestamp: "short").code == 200)
            #expect(await download(bed, "AMF_001_short.pcap").status == 409)
            try await Task.sleep(for: .milliseconds(3500))
            let file = await download(bed, "AMF_001_short.pcap")
            #expect(file.status == 200, "\(file.text)")
            #expect((try? PcapReader(file.body)) != nil)
            #expect(try await capture(bed, "stop", timestamp: "short").status == 404, "the timeout did not stop the capture")
        }
    }

    @Test func runsUPFCaptureCommandsOfBothMethods() async throws {
        try await TraceTestBed.run() { bed async throws in
            let started = try await upf(bed, "pcap trace rx tx max 100000 intfc any file upf_test.pcap", runType: "start")
            #expect(started.code == 200, "\(started.text)")
            #expect(started.data?["fileName"]?.stringValue == "upf_test.pcap")
            let dispatch = try await upf(bed, "pcap dispatch trace on max 100000 file upf_dispatch.pcap", runType: "start")
            #expect(dispatch.code == 200, "\(dispatch.text)")
            _ = await bed.host.send(.get, "/api/rest/systemManagement/v1/elementType/upf/objectType/systemState?ne_id=001")
            let stopped = try await upf(bed, "pcap trace rx tx off", runType: "stop")
            #expect(stopped.data?["fileName"]?.stringValue == "upf_test.pcap", "\(stopped.text)")
            #expect(try await upf(bed, "pcap dispatch trace off", runType: "stop").data?["fileName"]?.stringValue == "upf_dispatch.pcap")
            for name in ["upf_test.pcap", "upf_dispatch.pcap"] {
                let file = await download(bed, name, neType: "UPF")
                #expect(file.status == 200, "\(file.text)")
                let reader = try PcapReader(file.body)
                #expect(payloadText(reader).contains("objectType/systemState"), "\(name) misses the traffic")
            }
            #expect(try await upf(bed, "pcap trace rx tx off", runType: "stop").msg?.contains("no capture of mode trace is running") == true)
        }
    }

    @Test func stoppingNeedsNoTimeoutAndUPFCommandsNeedNoTimestamp() async throws {
        try await TraceTestBed.run() { bed async throws in
            let untimed = try await bed.host.send(.post, "/tcpdump/ne", json: [
                "neType": "AMF", "neId": "001", "cmd": "start", "timestamp": "untimed",
            ] as JSONValue)
            #expect(untimed.status == 400)
            #expect(untimed.msg == "timeout: is required to start a capture: must be a whole number of seconds from 1 to 600", "\(untimed.text)")
            #expect(try await capture(bed, "start", timestamp: "docs").code == 200)
            let stopped = try await bed.host.send(.post, "/tcpdump/ne", json: [
                "neType": "AMF", "neId": "001", "cmd": "stop", "timestamp": "docs",
            ] as JSONValue)
            #expect(stopped.code == 200, "\(stopped.text)")
            #expect(stopped.data?["fileName"]?.stringValue == "AMF_001_docs.pcap")
            for (cmd, runType) in [("pcap trace rx tx file no_stamp.pcap", "start"), ("pcap trace rx tx off", "stop")] {
                let answer = try await bed.host.send(.post, "/tcpdump/neUPF", json: [
                    "neType": "UPF", "neId": "001", "runType": .string(runType), "cmd": .string(cmd),
                ] as JSONValue)
                #expect(answer.code == 200, "\(cmd): \(answer.text)")
                #expect(answer.data?["fileName"]?.stringValue == "no_stamp.pcap")
            }
        }
    }

    @Test func refusesMalformedUPFCommandsPrecisely() async throws {
        try await TraceTestBed.run() { bed async throws in
            let cases: [(String, String, String)] = [
                ("tcpdump -i any", "start", "cmd: must start with 'pcap'"),
                ("pcap", "start", "cmd: 'pcap' must be followed by 'trace' or 'dispatch'"),
                ("pcap capture rx", "start", "cmd: unknown word 'capture' after 'pcap'; use 'trace' or 'dispatch'"),
                ("pcap trace max 10 file a.pcap", "start", "cmd: 'pcap trace' needs 'rx', 'tx' or both"),
                ("pcap trace rx rx file a.pcap", "start", "cmd: 'rx' is given twice"),
                ("pcap trace rx tx max 10k file a.pcap", "start", "cmd: max '10k' must be a whole number of packets from 1 to 10000000"),
                ("pcap trace rx tx max -5 file a.pcap", "start", "cmd: max '-5' must be a whole number of packets from 1 to 10000000"),
                ("pcap trace rx tx max 0 file a.pcap", "start", "cmd: max '0' must be a whole number of packets from 1 to 10000000"),
                ("pcap trace rx tx max 10 max 20 file a.pcap", "start", "cmd: 'max' is given twice"),
                ("pcap trace rx tx max 10 intfc any", "start", "cmd: a capture that starts needs 'file <name>.pcap'"),
                ("pcap trace rx tx file", "start", "cmd: 'file' needs a value after it"),
                ("pcap trace rx tx verbose file a.pcap", "start", "cmd: unknown word 'verbose'; expected one of max, intfc, file"),
                ("pcap trace rx tx file ../../etc/a.pcap", "start", "cmd: '../../etc/a.pcap' must be a file name without a path"),
                ("pcap trace rx tx file /tmp/a.pcap", "start", "cmd: '/tmp/a.pcap' must be a file name without a path"),
                ("pcap trace rx tx file a.txt", "start", "cmd: 'a.txt' must end with .pcap"),
                ("pcap trace rx tx intfc eth0;rm file a.pcap", "start", "cmd: intfc 'eth0;rm' must be 'any' or an interface name"),
                ("pcap trace rx tx off now", "stop", "cmd: nothing may follow 'off'; found 'now'"),
                ("pcap dispatch trace", "start", "cmd: 'pcap dispatch trace' must be followed by 'on' or 'off'"),
                ("pcap dispatch on", "start", "cmd: 'pcap dispatch' must be followed by 'trace on' or 'trace off'"),
                ("pcap dispatch trace on max 5 intfc any file a.pcap", "start", "cmd: unknown word 'intfc'; expected one of max, file"),
                ("pcap trace rx tx off", "start", "runType: is start but cmd stops a capture"),
                ("pcap trace rx tx file a.pcap", "stop", "runType: is stop but cmd starts a capture"),
                ("pcap trace rx tx file a.pcap", "restart", "runType: 'restart' must be start or stop"),
            ]
            for (cmd, runType, message) in cases {
                let response = try await upf(bed, cmd, runType: runType)
                #expect(response.status == 400, "\(cmd): \(response.text)")
                #expect(response.msg?.hasPrefix(message) == true, "\(cmd): \(response.msg ?? response.text)")
            }
            let notUPF = try await bed.host.send(.post, "/tcpdump/neUPF", json: [
                "neType": "AMF", "neId": "001", "runType": "start", "cmd": "pcap trace rx file a.pcap", "timestamp": "1",
            ] as JSONValue)
            #expect(notUPF.msg == "neType: 'AMF' is not UPF; other NEs capture with /tcpdump/ne")
        }
    }

    @Test func refusesFileNamesThatLeaveTheCaptureFolderOrDoNotExist() async throws {
        try await TraceTestBed.run() { bed async throws in
            let cases: [(String, String)] = [
                ("../../etc/passwd", "fileName: '../../etc/passwd' must be a file name without a path"),
                ("/etc/passwd", "fileName: '/etc/passwd' must be a file name without a path"),
                ("..%2F..%2Fetc%2Fx.pcap", "fileName: '../../etc/x.pcap' must be a file name without a path"),
                ("%2e%2e%5cx.pcap", "fileName: '..\\x.pcap' must be a file name without a path"),
                ("%252e%252e%252fx.pcap", "fileName: '%2e%2e%2fx.pcap' must not contain '%'"),
                ("x.pcap%00.txt", "fileName: must not contain control characters"),
                ("..x.pcap", "fileName: '..x.pcap' must not contain '..'"),
                (".hidden.pcap", "fileName: '.hidden.pcap' must not start with '.'"),
                ("notes.txt", "fileName: 'notes.txt' must end with .pcap"),
                ("", "fileName: a capture file name is required"),
            ]
            for (name, message) in cases {
                let response = await download(bed, name)
                #expect(response.status == 400, "\(name): \(response.text)")
                #expect(response.msg?.hasPrefix(message) == true, "\(name): \(response.msg ?? response.text)")
            }
            let absent = await download(bed, "never_made.pcap")
            #expect(absent.status == 404)
            #expect(absent.msg == "NE AMF/001 refused to send capture file 'never_made.pcap': AMF/001 has no capture file 'never_made.pcap' (HTTP 404)")
            #expect(await bed.host.send(.get, "/tcpdump/download?neType=AMF&neId=001").msg == "fileName: query parameter is required")
            #expect(await bed.host.send(.get, "/tcpdump/download?neType=AMF&neId=404&fileName=a.pcap").msg == "NE AMF/404 is not registered")
        }
    }

    @Test func aDownloadFromAnNEThatFailsNamesTheNE() async throws {
        try await TraceTestBed.run() { bed async throws in
            #expect(try await capture(bed, "start").code == 200)
            #expect(try await capture(bed, "stop").code == 200)
            let name = "AMF_001_20270115080000.pcap"
            let address = "NE AMF/001 (127.0.0.1:\(bed.simulator.port("AMF/001")))"
            try await bed.simulator.fault("AMF/001", "refuse")
            let refused = await download(bed, name)
            #expect(refused.status == 502 && refused.msg == "\(address) refused the connection", "\(refused.text)")
            // Far beyond the 2 s deadline: a loaded machine may run the OMC's timer late, never 6 s late.
            try await bed.simulator.fault("AMF/001", "delay", delayMs: 8000)
            let late = await download(bed, name)
            #expect(late.status == 504 && late.msg == "\(address) did not answer within 2000 ms", "\(late.text)")
            try await bed.simulator.fault("AMF/001", "none")
            let file = await download(bed, name)
            #expect(file.status == 200 && (try? PcapReader(file.body)) != nil, "\(file.text.prefix(200))")
        }
    }

    @Test func aViewerReadsTasksButCannotCaptureOrDownload() async throws {
        try await TraceTestBed.run(identity: true) { bed async throws in
            let viewer = ["Authorization": "Bearer viewer-token"]
            #expect(try await capture(bed, "start", headers: viewer).status == 403)
            #expect(await bed.host.send(.post, "/tcpdump/neUPF", headers: viewer).status == 403)
            #expect(await download(bed, "a.pcap", headers: viewer).status == 403)
            #expect(try await bed.host.send(.post, TraceTaskTests.path, json: ["traceType": "Interface"] as JSONValue, headers: viewer).status == 403)
            #expect(await bed.host.send(.delete, TraceTaskTests.path + "?id=1", headers: viewer).status == 403)
            #expect(await bed.host.send(.get, TraceTaskTests.path, headers: viewer).code == 200)
            #expect(await bed.host.send(.get, TraceTaskTests.path).status == 401)
            #expect(try await capture(bed, "start", headers: bed.admin).code == 200)
            #expect(try await bed.createTask([:]).code == 200)
        }
    }

    @Test func pluginsPassTheConformanceCheck() async throws {
        try await MockHost.checkConformance(of: TracePlugin.self, dependencies: [NEManagementPlugin.self])
        try await MockHost.checkConformance(of: UPFPlugin.self)
        #expect(UPFPlugin.descriptor.traceableInterfaces == ["N3", "N4", "N6", "N9"])
    }
}
