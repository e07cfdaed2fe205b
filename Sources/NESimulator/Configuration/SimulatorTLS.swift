import NIOSSL

/// The certificate and key the simulated NEs serve HTTPS with (the control API stays plain HTTP).
public struct SimulatorTLS: Sendable {
    let configuration: TLSConfiguration

    /// Loads a PEM certificate (with its chain) and its PEM private key; TLS 1.2 or later is served.
    public static func load(certificateFile: String, keyFile: String) throws(ConfigurationError) -> SimulatorTLS {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateFile) } catch {
            throw ConfigurationError([ConfigurationDiagnostic(file: certificateFile, line: nil, problem: "cannot read a PEM certificate from it: \(error)")])
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: keyFile, format: .pem) } catch {
            throw ConfigurationError([ConfigurationDiagnostic(file: keyFile, line: nil, problem: "cannot read an unencrypted PEM private key from it")])
        }
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw ConfigurationError([ConfigurationDiagnostic(file: keyFile, line: nil, problem: "the key does not belong to the certificate in \(certificateFile)")])
        }
        return SimulatorTLS(configuration: configuration)
    }
}
