public import Foundation

/// A CA and server certificates made with Debian's `openssl` in a temporary folder at test time: a
/// good one for 127.0.0.1 and localhost, an expired one, one for another host, one from another CA,
/// and a second good one (a renewal).
public struct TestCertificates: Sendable {
    /// One certificate and its key.
    public struct Pair: Sendable {
        public let certificate: String
        public let key: String

        public init(certificate: String, key: String) {
            self.certificate = certificate
            self.key = key
        }
    }

    public let folder: URL
    /// The site CA's certificate (PEM), the bundle the OMC trusts.
    public let caFile: String
    /// Another CA's certificate, which signs `unknownCA`.
    public let otherCAFile: String
    /// Signed by the CA, for 127.0.0.1 and localhost, valid now.
    public let good: Pair
    /// Like `good`, with another serial number and common name: a renewal.
    public let renewed: Pair
    /// Signed by the CA for 127.0.0.1, but valid only in January 2020.
    public let expired: Pair
    /// Signed by the CA, valid now, but for 10.255.0.1 and omc-elsewhere.invalid.
    public let wrongHost: Pair
    /// For 127.0.0.1, valid now, signed by a CA the OMC does not trust.
    public let unknownCA: Pair

    /// Makes every file; throws when openssl fails, with its output.
    public init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.path
        try "".write(toFile: "\(path)/index.txt", atomically: true, encoding: .utf8)
        try "1000\n".write(toFile: "\(path)/serial", atomically: true, encoding: .utf8)
        try """
            [ ca ]
            default_ca = test
            [ test ]
            database = \(path)/index.txt
            new_certs_dir = \(path)
            serial = \(path)/serial
            default_md = sha256
            policy = any
            unique_subject = no
            [ any ]
            commonName = supplied
            """.write(toFile: "\(path)/ca.cnf", atomically: true, encoding: .utf8)
        for (name, san) in [("local", "IP:127.0.0.1,DNS:localhost"), ("elsewhere", "IP:10.255.0.1,DNS:omc-elsewhere.invalid")] {
            try "subjectAltName=\(san)\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
                .write(toFile: "\(path)/\(name).ext", atomically: true, encoding: .utf8)
        }
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        for ca in ["ca", "other-ca"] {
            try Self.openssl(["req", "-x509"] + ec + ["-keyout", "\(path)/\(ca).key", "-out", "\(path)/\(ca).pem", "-days", "30",
                                                     "-subj", "/CN=OMC test \(ca)"])
        }
        func issue(_ name: String, ca: String, ext: String, dates: [String] = ["-days", "30"]) throws -> Pair {
            try Self.openssl(["req"] + ec + ["-keyout", "\(path)/\(name).key", "-out", "\(path)/\(name).csr", "-subj", "/CN=\(name)"])
            try Self.openssl(["ca", "-batch", "-notext", "-config", "\(path)/ca.cnf", "-cert", "\(path)/\(ca).pem", "-keyfile", "\(path)/\(ca).key",
                              "-in", "\(path)/\(name).csr", "-out", "\(path)/\(name).pem", "-extfile", "\(path)/\(ext).ext"] + dates)
            return Pair(certificate: "\(path)/\(name).pem", key: "\(path)/\(name).key")
        }
        caFile = "\(path)/ca.pem"
        otherCAFile = "\(path)/other-ca.pem"
        good = try issue("good", ca: "ca", ext: "local")
        renewed = try issue("renewed", ca: "ca", ext: "local")
        expired = try issue("expired", ca: "ca", ext: "local", dates: ["-startdate", "20200101000000Z", "-enddate", "20200201000000Z"])
        wrongHost = try issue("wrong-host", ca: "ca", ext: "elsewhere")
        unknownCA = try issue("unknown-ca", ca: "other-ca", ext: "local")
    }

    /// Removes the folder.
    public func remove() {
        try? FileManager.default.removeItem(at: folder)
    }

    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestCertificatesError.openssl(arguments.joined(separator: " "), text) }
    }
}

public enum TestCertificatesError: Error {
    case openssl(String, String)
}
