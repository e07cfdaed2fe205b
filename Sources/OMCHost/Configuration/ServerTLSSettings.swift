import PluginAPI

/// The `server.tls:` section: the OMC serves HTTPS with this certificate and key.
public struct ServerTLSSettings: Sendable, Hashable {
    /// PEM file with the server certificate, followed by any intermediate certificates.
    public var certificateFile: String
    /// PEM file with the certificate's private key.
    public var keyFile: String
    /// How often the two files are checked for a change (SIGHUP reloads them at once).
    public var reloadCheckSeconds = 10

    /// Settings naming the two files.
    public init(certificateFile: String, keyFile: String) {
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    /// The keys of `server.tls:`.
    static let fields: [ConfigField] = [
        .string("certificateFile", maxLength: 4096, required: true, help: "PEM file with the server certificate and its chain"),
        .string("keyFile", maxLength: 4096, required: true, help: "PEM file with the certificate's private key"),
        .integer("reloadCheckSeconds", default: 10, range: 1...3600, help: "how often the files are checked for a new certificate"),
    ]

    init(values: PluginConfiguration) {
        certificateFile = values.string("certificateFile") ?? ""
        keyFile = values.string("keyFile") ?? ""
        reloadCheckSeconds = values.integer("reloadCheckSeconds") ?? reloadCheckSeconds
    }
}
