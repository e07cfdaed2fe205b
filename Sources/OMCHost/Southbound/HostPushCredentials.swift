import Crypto
import Foundation
import GRDB
import PluginAPI

/// The NEs' push credentials (``PluginAPI/NEPushCredentials``), in the host's own table
/// `omc_ne_push_credential`: one row per NE with the SHA-256 of its credential, never the text.
///
/// A credential is `omcne_` and 43 characters of base64url (32 random bytes): so much entropy that an
/// unsalted SHA-256 cannot be reversed by guessing, and the hash can be the lookup key. Finding the
/// row by hash leaks nothing through timing that would help a guesser.
final class HostPushCredentials: NEPushCredentials {
    static let createTable = """
        CREATE TABLE IF NOT EXISTS omc_ne_push_credential (
            ne_type TEXT NOT NULL,
            ne_id TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE,
            issued_at TEXT NOT NULL,
            PRIMARY KEY (ne_type, ne_id)
        )
        """
    /// The `Authorization` scheme NEs send their credential with.
    static let scheme = "NE"
    static let prefix = "omcne_"

    private let database: HostDatabase
    private let gateway: any NEGateway
    private let clock: any OMCClock
    private let logger: PluginLogger

    init(database: HostDatabase, gateway: any NEGateway, clock: any OMCClock, logger: PluginLogger) {
        self.database = database
        self.gateway = gateway
        self.clock = clock
        self.logger = logger
    }

    /// Creates the table when missing.
    func prepare() throws {
        try database.writer.write { db in try db.execute(sql: Self.createTable) }
    }

    func authenticate(_ request: OMCRequest, neType: String) async throws(OMCError) -> NetworkElement {
        let type = neType.uppercased()
        guard let credential = Self.credential(in: request.headers) else {
            throw refusal(.unauthenticated, "an NE push must carry its push credential as 'Authorization: NE <credential>'",
                          log: "no push credential", type: type, request: request)
        }
        let hash = Self.hash(credential)
        let holder: (type: String, id: String)?
        do {
            holder = try await database.writer.read { db in
                try Row.fetchOne(db, sql: "SELECT ne_type, ne_id FROM omc_ne_push_credential WHERE secret_hash = ?", arguments: [hash])
                    .map { ($0["ne_type"] as String? ?? "", $0["ne_id"] as String? ?? "") }
            }
        } catch {
            logger.error("NE push credentials cannot be read: \(error)", ["requestId": request.requestID])
            throw OMCError(.internal, "NE push credentials cannot be read")
        }
        guard let holder else {
            throw refusal(.unauthenticated, "the NE push credential is not valid: it was never issued or has been replaced",
                          log: "unknown push credential", type: type, request: request)
        }
        guard holder.type == type else {
            throw refusal(.forbidden, "the NE push credential belongs to an NE of another type than \(type)",
                          log: "credential of \(holder.type)/\(holder.id) used for type \(type)", type: type, request: request)
        }
        let element: NetworkElement?
        do {
            element = try await gateway.element(type: holder.type, id: holder.id)
        } catch {
            logger.error("the NE registry cannot be read for a push of \(holder.type)/\(holder.id): \(error)", ["requestId": request.requestID])
            throw OMCError(.internal, "the NE registry cannot be read")
        }
        guard let element else {
            throw refusal(.forbidden, "NE \(holder.type)/\(holder.id) is no longer registered",
                          log: "credential of unregistered NE \(holder.type)/\(holder.id)", type: type, request: request)
        }
        return element
    }

    func issue(for element: NetworkElement) async throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let credential = Self.prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let (type, id, hash) = (element.neType, element.neID, Self.hash(credential))
        let now = DocumentTime.formatInstant(clock.now())
        let replaced = try await database.writer.write { db -> Bool in
            try db.execute(sql: "DELETE FROM omc_ne_push_credential WHERE ne_type = ? AND ne_id = ?", arguments: [type, id])
            let replaced = db.changesCount > 0
            try db.execute(sql: "INSERT INTO omc_ne_push_credential (ne_type, ne_id, secret_hash, issued_at) VALUES (?, ?, ?, ?)",
                           arguments: [type, id, hash, now])
            return replaced
        }
        logger.info(replaced ? "push credential of NE \(element.key) replaced" : "push credential issued to NE \(element.key)")
        return credential
    }

    func revoke(neType: String, neID: String) async throws {
        let type = neType.uppercased()
        let removed = try await database.writer.write { db -> Bool in
            try db.execute(sql: "DELETE FROM omc_ne_push_credential WHERE ne_type = ? AND ne_id = ?", arguments: [type, neID])
            return db.changesCount > 0
        }
        if removed { logger.info("push credential of NE \(type)/\(neID) withdrawn") }
    }

    /// Logs a refused push (never the credential) and returns the error to answer.
    private func refusal(_ kind: OMCError.Kind, _ message: LocalizedMessage, log: String, type: String, request: OMCRequest) -> OMCError {
        logger.warning("NE push refused: \(log)", ["requestId": request.requestID, "neType": type, "path": request.path,
                                                   "client": request.clientAddress ?? "unknown"])
        return OMCError(kind, message)
    }

    /// The credential of `Authorization: NE <credential>` (scheme in any case), `nil` when absent or malformed.
    static func credential(in headers: HeaderFields) -> String? {
        guard let authorization = headers["Authorization"] else { return nil }
        let parts = authorization.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].caseInsensitiveCompare(scheme) == .orderedSame else { return nil }
        // Any text goes to the lookup (a wrong one simply matches no hash); only its length is bounded.
        return parts[1].utf8.count <= 256 ? String(parts[1]) : nil
    }

    static func hash(_ credential: String) -> String {
        SHA256.hash(data: Data(credential.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
