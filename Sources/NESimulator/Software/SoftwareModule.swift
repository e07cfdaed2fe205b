import Foundation
import HTTPTypes
import Hummingbird

/// Software life cycle on every NE, whatever its type: it receives packages (checked against their
/// SHA-256), activates one by restarting (offline for a few seconds, then reporting the new version in
/// its systemState), and rolls back to the version it ran before. The control API can make each step
/// fail (``MaintenanceFailure``).
///
/// - `GET …/elementType/{neType}/objectType/software`: running and previous version, packages held.
/// - `POST …/objectType/software/{version}?sha256=…`: a package, streamed (`application/octet-stream`).
/// - `PUT …/objectType/software/{version}`: activates a package the NE holds.
/// - `PATCH …/objectType/software/{version}`: rolls back from `version`, which must be the running one,
///   to the previous version.
public struct SoftwareModule: NEModule {
    /// Largest package accepted: 4 GiB.
    public static let maximumPackageSize = 4 << 30
    static let base = "/api/rest/systemManagement/v1/elementType/{neType}/objectType/software"

    /// The module.
    public init() {}

    /// The running version replaces the configured one in systemState.
    public func systemStateFields(_ context: NEContext) async -> [String: JSONValue] {
        ["version": .string(context.maintenance.running)]
    }

    /// The software endpoints.
    public var routes: [NERoute] {
        [
            NERoute(.get, Self.base) { call in NEReply.success(call.context.maintenance.json) },
            NERoute(.post, Self.base + "/{version}") { call in try await Self.receive(call) },
            NERoute(.put, Self.base + "/{version}") { call in try Self.activate(call) },
            NERoute(.patch, Self.base + "/{version}") { call in try Self.rollBack(call) },
        ]
    }

    static func version(_ call: NERequest) throws(NEReplyError) -> String {
        let version = call.parameters["version"] ?? ""
        guard !version.isEmpty, version.count <= 64, version.first?.isLetter == true || version.first?.isNumber == true,
              version.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }) else {
            throw NEReplyError(status: 400, "'\(version)' is not a version: letters, digits, '.', '_' and '-', at most 64")
        }
        return version
    }

    private static func receive(_ call: NERequest) async throws -> Response {
        let state = call.context.maintenance
        let version = try version(call)
        guard let expected = call.query("sha256")?.lowercased(), expected.count == 64 else {
            throw NEReplyError(status: 400, "give the package's SHA-256 as ?sha256=<64 hex digits>")
        }
        if state.fails(.distribute) { throw NEReplyError(status: 507, "no space left for package \(version)") }
        let store = FileStore(root: call.context.filesDirectory.appendingPathComponent("software"), maximumSize: maximumPackageSize)
        let digest = HashingSequence<RequestBody>.Digest()
        let announced = call.request.headers[.contentLength].flatMap { Int($0) }
        let size = try await store.store(HashingSequence(base: call.request.body, digest: digest), at: "incoming/\(version).pkg",
                                         announcedLength: announced, context: call.requestContext)
        let incoming = try store.location(of: "incoming/\(version).pkg")
        let actual = digest.hex
        guard actual == expected else {
            try? FileManager.default.removeItem(at: incoming)
            throw NEReplyError(status: 422, "package \(version) arrived damaged: its SHA-256 is \(actual), not \(expected); it was discarded")
        }
        let kept = try store.location(of: "\(version).pkg")
        _ = try? FileManager.default.removeItem(at: kept)
        try FileManager.default.moveItem(at: incoming, to: kept)
        let package = SoftwarePackage(version: version, size: size, sha256: actual)
        state.add(package)
        return NEReply.success(package.json)
    }

    private static func activate(_ call: NERequest) throws -> Response {
        let state = call.context.maintenance
        let version = try version(call)
        guard state.package(version) != nil else {
            throw NEReplyError(status: 404, "this NE holds no package \(version); distribute it first")
        }
        guard version != state.running else { throw NEReplyError(status: 409, "the NE already runs \(version)") }
        if state.fails(.activate) { throw NEReplyError(status: 500, "activation of \(version) refused: pre-check failed") }
        let seconds = try state.restart(into: version)
        return NEReply.success(["restarting": true, "version": .string(version), "offlineSeconds": .double(seconds)])
    }

    private static func rollBack(_ call: NERequest) throws -> Response {
        let state = call.context.maintenance
        let version = try version(call)
        let current = state.json
        guard version == state.running else {
            throw NEReplyError(status: 409, "the NE runs \(state.running), not \(version); nothing to roll back from")
        }
        guard let previous = current["previousVersion"]?.stringValue else {
            throw NEReplyError(status: 409, "the NE has no previous version to roll back to")
        }
        if state.fails(.rollback) { throw NEReplyError(status: 500, "rollback to \(previous) refused: pre-check failed") }
        let seconds = try state.restart(into: previous)
        return NEReply.success(["restarting": true, "version": .string(previous), "offlineSeconds": .double(seconds)])
    }
}
