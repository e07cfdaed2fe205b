import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Configuration backup and restore on every NE, whatever its type.
///
/// - `GET …/elementType/{neType}/objectType/cm`: the NE's configuration as a zip, one
///   `etc/<section>.json` per section.
/// - `POST …/elementType/{neType}/objectType/cm`: a zip of that shape replaces the sections it holds,
///   all or none; the answer names them.
///
/// The control API can make either fail (``MaintenanceFailure/backup``, ``MaintenanceFailure/restore``).
public struct CMModule: NEModule {
    /// Largest archive a restore accepts.
    public static let maximumArchiveSize = 16 << 20
    static let path = "/api/rest/systemManagement/v1/elementType/{neType}/objectType/cm"

    /// The module.
    public init() {}

    /// The backup and restore endpoints.
    public var routes: [NERoute] {
        [
            NERoute(.get, Self.path) { call in try await Self.export(call) },
            NERoute(.post, Self.path) { call in try await Self.restore(call) },
        ]
    }

    private static func export(_ call: NERequest) async throws -> Response {
        if call.context.maintenance.fails(.backup) { throw NEReplyError(status: 500, "configuration export failed: /etc is locked") }
        let zip = try CMArchive.make(await call.context.config.snapshot(), date: Date())
        var fields = HTTPFields()
        fields[.contentType] = "application/zip"
        fields[.contentLength] = String(zip.count)
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: zip)))
    }

    private static func restore(_ call: NERequest) async throws -> Response {
        let buffer: ByteBuffer
        do { buffer = try await call.request.body.collect(upTo: maximumArchiveSize) } catch {
            throw NEReplyError(status: 413, "the archive is larger than \(maximumArchiveSize) bytes")
        }
        let sections = try CMArchive.read(Data(buffer.readableBytesView))
        guard !sections.isEmpty else { throw NEReplyError(status: 400, "the archive holds no configuration section") }
        if call.context.maintenance.fails(.restore) {
            throw NEReplyError(status: 500, "restore refused: the configuration check failed; nothing was changed")
        }
        try await call.context.config.replace(sections)
        NECounters.increment(call.context.counters.configChanges)
        let names = sections.keys.sorted()
        return NEReply.json(["code": 200, "msg": .string("configuration restored: \(names.joined(separator: ", "))"),
                             "data": ["sections": .array(names.map(JSONValue.string))]])
    }
}
