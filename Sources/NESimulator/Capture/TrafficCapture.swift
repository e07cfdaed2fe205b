public import Foundation
import Synchronization

/// The NE's packet capture: while a capture runs, every HTTP exchange the NE serves is written to its
/// pcap file as the TCP segments that carried it (handshake on a connection's first exchange,
/// request, answer), with the real addresses, ports and times. Files go under `<NE folder>/captures/`.
public actor TrafficCapture {
    /// Folder of the capture files.
    public nonisolated let folder: URL
    /// Largest capture file; the capture stops when it is reached.
    public static let maximumFileBytes = 512 << 20

    private var sessions: [String: CaptureSession] = [:]
    private var connections: [ConnectionKey: SequenceNumbers] = [:]
    private let running = Mutex(false)

    struct ConnectionKey: Hashable {
        let client: TCPFrame.Endpoint
        let server: TCPFrame.Endpoint
    }

    struct SequenceNumbers {
        var client: UInt32
        var server: UInt32
    }

    /// A capture facility writing under `folder`.
    public init(folder: URL) {
        self.folder = folder
    }

    /// Whether any capture runs; checked without waiting on the actor on every request.
    public nonisolated var isRunning: Bool { running.withLock { $0 } }

    /// Starts capturing into `fileName` (already checked to be a plain name); `timeoutSeconds` stops it by itself.
    public func start(fileName: String, mode: String, maximumPackets: Int, timeoutSeconds: Int?) throws(NEReplyError) -> JSONValue {
        guard sessions[fileName] == nil else { throw NEReplyError(status: 409, "a capture into \(fileName) is already running") }
        if let other = sessions.values.first(where: { $0.mode == mode }) {
            throw NEReplyError(status: 409, "a \(mode) capture is already running into \(other.fileName); stop it first")
        }
        let target = folder.appendingPathComponent(fileName)
        let token: UUID
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: target.path, contents: Data(PcapFormat.globalHeader())) else {
                throw NEReplyError(status: 500, "cannot create \(fileName)")
            }
            let handle = try FileHandle(forWritingTo: target)
            try handle.seekToEnd()
            let session = CaptureSession(fileName: fileName, mode: mode, handle: handle, maximumPackets: maximumPackets)
            sessions[fileName] = session
            token = session.token
        } catch let error as NEReplyError {
            throw error
        } catch {
            throw NEReplyError(status: 500, "cannot create \(fileName): \(error)")
        }
        running.withLock { $0 = true }
        if let timeoutSeconds {
            Task { [weak self] in
                try? await Task.sleep(for: .seconds(timeoutSeconds))
                await self?.finish(fileName, ifStillRunning: token)
            }
        }
        return ["fileName": .string(fileName), "packets": 0, "bytes": 0, "state": "running"]
    }

    /// Stops the capture into `fileName`, or the one of `mode`; 404 when none runs.
    public func stop(fileName: String?, mode: String?) throws(NEReplyError) -> JSONValue {
        let name = fileName ?? sessions.values.first(where: { $0.mode == mode })?.fileName
        guard let name, let summary = finish(name) else {
            let what = fileName.map { "into \($0)" } ?? "of mode \(mode ?? "?")"
            throw NEReplyError(status: 404, "no capture \(what) is running")
        }
        return summary
    }

    /// Whether `fileName` is still being written.
    public func isCapturing(_ fileName: String) -> Bool { sessions[fileName] != nil }

    private func finish(_ fileName: String, ifStillRunning token: UUID) {
        if sessions[fileName]?.token == token { _ = finish(fileName) }
    }

    private func finish(_ fileName: String) -> JSONValue? {
        guard let session = sessions.removeValue(forKey: fileName) else { return nil }
        try? session.handle.close()
        if sessions.isEmpty {
            running.withLock { $0 = false }
            connections.removeAll()
        }
        return ["fileName": .string(fileName), "packets": .int(session.packets), "bytes": .int(session.bytes), "state": "stopped"]
    }

    /// Records `payload` sent by the client (`fromClient`) or the server of a connection.
    public func record(client: TCPFrame.Endpoint, server: TCPFrame.Endpoint, fromClient: Bool, payload: [UInt8]) {
        guard !sessions.isEmpty, !payload.isEmpty else { return }
        let key = ConnectionKey(client: client, server: server)
        let now = Date()
        var numbers: SequenceNumbers
        if let known = connections[key] {
            numbers = known
        } else {
            numbers = SequenceNumbers(client: UInt32.random(in: 1...UInt32.max / 2), server: UInt32.random(in: 1...UInt32.max / 2))
            write(TCPFrame.frame(from: client, to: server, sequence: numbers.client, acknowledgment: 0, flags: .syn, payload: []), at: now)
            write(TCPFrame.frame(from: server, to: client, sequence: numbers.server, acknowledgment: numbers.client &+ 1,
                                 flags: [.syn, .ack], payload: []), at: now)
            numbers.client &+= 1
            numbers.server &+= 1
            write(TCPFrame.frame(from: client, to: server, sequence: numbers.client, acknowledgment: numbers.server, flags: .ack, payload: []), at: now)
        }
        var offset = 0
        while offset < payload.count {
            let end = min(offset + TCPFrame.maximumSegmentSize, payload.count)
            let segment = payload[offset..<end]
            if fromClient {
                write(TCPFrame.frame(from: client, to: server, sequence: numbers.client, acknowledgment: numbers.server,
                                     flags: [.push, .ack], payload: segment), at: now)
                numbers.client &+= UInt32(segment.count)
            } else {
                write(TCPFrame.frame(from: server, to: client, sequence: numbers.server, acknowledgment: numbers.client,
                                     flags: [.push, .ack], payload: segment), at: now)
                numbers.server &+= UInt32(segment.count)
            }
            offset = end
        }
        connections[key] = numbers
    }

    /// Appends one frame to every running capture, ending those that reach their limits.
    private func write(_ frame: [UInt8], at time: Date) {
        let record = Data(PcapFormat.record(frame, at: time))
        for name in Array(sessions.keys) {
            guard var session = sessions[name] else { continue }
            do {
                try session.handle.write(contentsOf: record)
            } catch {
                // A write that fails (a full disk) ends this capture, not the NE.
                _ = finish(name)
                continue
            }
            session.packets += 1
            session.bytes += record.count
            sessions[name] = session
            if session.packets >= session.maximumPackets || session.bytes >= Self.maximumFileBytes { _ = finish(name) }
        }
    }
}
