import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import PluginAPI

/// How the OMC reaches NEs over HTTPS (`server.neTLS`): which NEs, the CA bundle each NE's
/// certificate is verified against (host name included), and, when verification fails, why.
struct NETrust: Sendable {
    let settings: NETLSSettings
    /// Client TLS configuration per CA bundle path.
    private let configurations: [String: TLSConfiguration]
    /// The CA certificates per CA bundle path, to tell an unknown CA from other failures.
    private let authorities: [String: [NIOSSLCertificate]]

    /// Loads the site's CA bundle and every override; a missing, unreadable or empty bundle stops the
    /// start with its line in the configuration file.
    init(_ settings: NETLSSettings, file: PluginsFile) throws(ConfigurationError) {
        self.settings = settings
        var configurations: [String: TLSConfiguration] = [:]
        var authorities: [String: [NIOSSLCertificate]] = [:]
        var diagnostics: [ConfigurationDiagnostic] = []
        var seen: Set<String> = []
        for (path, key) in [(settings.caFile, "caFile")] + settings.caOverrides.values.sorted().map({ ($0, "caOverrides") })
        where seen.insert(path).inserted {
            let certificates: [NIOSSLCertificate]
            if !FileManager.default.fileExists(atPath: path) {
                diagnostics.append(ConfigurationDiagnostic(file: file.path, line: file.serverLines["neTLS.\(key)"],
                                                           problem: "server.neTLS.\(key): \(path) does not exist",
                                                           fix: "give the PEM bundle of the CA certificates that sign the NEs' certificates"))
                continue
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                diagnostics.append(ConfigurationDiagnostic(file: file.path, line: file.serverLines["neTLS.\(key)"],
                                                           problem: "server.neTLS.\(key): \(path) cannot be read", fix: "let the OMC's user read it"))
                continue
            }
            certificates = (try? NIOSSLCertificate.fromPEMBytes(Array(data))) ?? []
            guard !certificates.isEmpty else {
                diagnostics.append(ConfigurationDiagnostic(file: file.path, line: file.serverLines["neTLS.\(key)"],
                                                           problem: "server.neTLS.\(key): \(path) holds no PEM certificate",
                                                           fix: "give CA certificates in PEM ('-----BEGIN CERTIFICATE-----')"))
                continue
            }
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.minimumTLSVersion = .tlsv12
            configuration.certificateVerification = .fullVerification
            configuration.trustRoots = .certificates(certificates)
            configurations[path] = configuration
            authorities[path] = certificates
        }
        guard diagnostics.isEmpty else { throw ConfigurationError(diagnostics) }
        self.configurations = configurations
        self.authorities = authorities
    }

    /// The TLS configuration to reach `element` with, `nil` when it is reached over plain HTTP.
    func configuration(for element: NetworkElement) -> TLSConfiguration? {
        guard settings.usesHTTPS(type: element.neType, id: element.neID) else { return nil }
        return configurations[settings.caFile(type: element.neType, id: element.neID)]
    }

    /// Why a connection to `element` failed its TLS handshake, in an operator's words; `nil` when
    /// `error` is not a TLS failure.
    func explain(_ error: any Error, element: NetworkElement, timeout: Duration) async -> OMCError? {
        let url = "https://\(element.ip.contains(":") ? "[\(element.ip)]" : element.ip):\(element.port)"
        let prefix: LocalizedMessage = "certificate of NE \(element.key) at \(url) failed verification"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return OMCError(.neFailure, "\(prefix): wrong host: it does not name \(element.ip)")
        }
        guard let sslError = error as? NIOSSLError else { return nil }
        guard case .handshakeFailed(let reason) = sslError, String(describing: reason).contains("CERTIFICATE_VERIFY_FAILED") else {
            return OMCError(.neFailure, "NE \(element.key) at \(url) did not complete a TLS handshake (does it serve HTTPS?): \(sslError)")
        }
        // BoringSSL says only that verification failed: look at the certificate to say why.
        let caFile = settings.caFile(type: element.neType, id: element.neID)
        guard let certificate = await NECertificateProbe.certificate(host: element.ip, port: element.port, within: min(timeout, .seconds(2))) else {
            return OMCError(.neFailure, "\(prefix) against \(caFile)")
        }
        let now = time(nil)
        if certificate.notValidAfter < now {
            return OMCError(.neFailure, "\(prefix): expired on \(Self.date(certificate.notValidAfter))")
        }
        if certificate.notValidBefore > now {
            return OMCError(.neFailure, "\(prefix): not valid before \(Self.date(certificate.notValidBefore))")
        }
        let issuer = certificate.issuerName.first { $0.type == .commonName }?.value ?? "?"
        let known = (authorities[caFile] ?? []).contains { $0.subjectName == certificate.issuerName }
        return OMCError(.neFailure, known
            ? "\(prefix): its signature by \(issuer) does not check against \(caFile)"
            : "\(prefix): unknown CA: it is issued by \(issuer), which is not in \(caFile)")
    }

    private static func date(_ time: time_t) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(time)))
    }
}
