import Foundation
import NIOSSL
import Synchronization

/// The certificate and key the OMC serves HTTPS with, as the TLS context each new connection reads.
/// Reloading swaps the context: connections already open keep theirs, new ones get the new
/// certificate; files that do not load leave the current context in place.
final class ServerCertificates: Sendable {
    /// The loaded context and what it was loaded from.
    private struct Loaded: Sendable {
        let context: NIOSSLContext
        let stamp: FileStamp
        let summary: String
    }

    private let settings: ServerTLSSettings
    private let current: Mutex<Loaded>

    /// Loads the files named in `settings`; every problem (missing, unreadable, not PEM, expired,
    /// key of another certificate) is reported with its line in the configuration file.
    init(_ settings: ServerTLSSettings, file: PluginsFile) throws(ConfigurationError) {
        self.settings = settings
        do {
            current = Mutex(try Self.load(settings))
        } catch {
            let key = error.concernsKey ? "keyFile" : "certificateFile"
            throw ConfigurationError([ConfigurationDiagnostic(
                file: file.path, line: file.serverLines["tls.\(key)"] ?? file.serverLines["tls"],
                problem: "server.tls.\(key): \(error.problem)", fix: error.fix)])
        }
    }

    /// The context for a new connection.
    var context: NIOSSLContext { current.withLock { $0.context } }

    /// What is served now: subject and expiry of the certificate.
    var summary: String { current.withLock { $0.summary } }

    /// What a reload did.
    enum Reload: Sendable, Equatable {
        /// The files are as they were.
        case unchanged
        /// New connections get the certificate described.
        case reloaded(String)
        /// The files changed but do not load; the certificate before is still served.
        case refused(String)
    }

    /// Reloads when either file changed since the last load (or always, when `force`).
    func reload(force: Bool = false) -> Reload {
        let before = current.withLock { $0.stamp }
        guard force || FileStamp(settings) != before else { return .unchanged }
        do {
            let loaded = try Self.load(settings)
            current.withLock { $0 = loaded }
            return .reloaded(loaded.summary)
        } catch {
            // Remember the stamp so that one bad file is reported once, not at every check.
            current.withLock { $0 = Loaded(context: $0.context, stamp: FileStamp(settings), summary: $0.summary) }
            return .refused("\(error.concernsKey ? "keyFile" : "certificateFile"): \(error.problem)")
        }
    }

    private static func load(_ settings: ServerTLSSettings) throws(CertificateProblem) -> Loaded {
        let stamp = FileStamp(settings)
        let chainBytes = try read(settings.certificateFile, isKey: false)
        let keyBytes = try read(settings.keyFile, isKey: true)
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMBytes(chainBytes) } catch { chain = [] }
        guard let leaf = chain.first else {
            throw CertificateProblem(concernsKey: false, problem: "\(settings.certificateFile) holds no PEM certificate",
                                     fix: "give the server certificate in PEM ('-----BEGIN CERTIFICATE-----'), followed by its intermediates")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(bytes: keyBytes, format: .pem) } catch {
            throw CertificateProblem(concernsKey: true, problem: "\(settings.keyFile) holds no unencrypted PEM private key",
                                     fix: "give the certificate's private key in PEM, without a passphrase")
        }
        let now = time(nil)
        if leaf.notValidAfter < now {
            throw CertificateProblem(concernsKey: false, problem: "the certificate in \(settings.certificateFile) expired on \(Self.date(leaf.notValidAfter))",
                                     fix: "install a renewed certificate")
        }
        if leaf.notValidBefore > now {
            throw CertificateProblem(concernsKey: false, problem: "the certificate in \(settings.certificateFile) is not valid before \(Self.date(leaf.notValidBefore))",
                                     fix: "check the machine's clock, or install a certificate valid now")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        let context: NIOSSLContext
        do { context = try NIOSSLContext(configuration: configuration) } catch {
            throw CertificateProblem(concernsKey: true, problem: "the key in \(settings.keyFile) does not belong to the certificate in \(settings.certificateFile)",
                                     fix: "give the private key the certificate was issued for")
        }
        let subject = leaf.subjectName.first { $0.type == .commonName }?.value ?? "certificate"
        return Loaded(context: context, stamp: stamp, summary: "CN=\(subject), valid until \(Self.date(leaf.notValidAfter))")
    }

    private static func read(_ path: String, isKey: Bool) throws(CertificateProblem) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CertificateProblem(concernsKey: isKey, problem: "\(path) does not exist", fix: "check the path (relative paths start at the working folder)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CertificateProblem(concernsKey: isKey, problem: "\(path) cannot be read", fix: "let the OMC's user read it")
        }
        return Array(data)
    }

    private static func date(_ time: time_t) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }
}

/// Why a certificate or key does not load, without any of the key's bytes.
private struct CertificateProblem: Error {
    let concernsKey: Bool
    let problem: String
    let fix: String
}

/// Identity and modification time of the two files, to notice a renewal without reading them.
private struct FileStamp: Sendable, Equatable {
    let certificate: [Int]
    let key: [Int]

    init(_ settings: ServerTLSSettings) {
        certificate = Self.stamp(settings.certificateFile)
        key = Self.stamp(settings.keyFile)
    }

    /// Inode, size and modification time (to the nanosecond): what changes when the file is replaced or rewritten.
    private static func stamp(_ path: String) -> [Int] {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return [] }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        return [(attributes[.systemFileNumber] as? NSNumber)?.intValue ?? 0, (attributes[.size] as? NSNumber)?.intValue ?? 0,
                Int(modified.rounded(.down)), Int((modified - modified.rounded(.down)) * 1e9)]
    }
}
