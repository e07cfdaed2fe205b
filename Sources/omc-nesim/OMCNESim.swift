import ArgumentParser
import Foundation
import Logging
import NESimulator

/// `omc-nesim`: plays network elements on loopback ports for the OMC to manage.
@main
struct OMCNESim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omc-nesim",
        abstract: "Plays 5G core network elements (UDM, AMF, …) on loopback ports, for testing the OMC.",
        discussion: """
            Give the NEs with --config FILE (YAML) or --generate TYPE:COUNT,…. Once every socket is open it prints \
            one line per NE, `NE <TYPE>/<id> http://HOST:PORT` (https:// with --tls-cert), then `control http://HOST:PORT`, then `ready`. \
            It stops on SIGTERM or SIGINT and exits 0. A bad configuration or argument exits 2; a socket that \
            cannot be opened exits 1.
            """)

    @Option(name: .long, help: ArgumentHelp("YAML file listing the NEs.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("NEs to make up, like AMF:200,UDM:2 (ids 001, 002, …; free ports).", valueName: "types"))
    var generate: String?

    @Option(name: .long, help: ArgumentHelp("Address the NEs (and, unless the file says otherwise, the control API) listen on.", valueName: "address"))
    var host: String = "127.0.0.1"

    @Option(name: .customLong("control-port"), help: ArgumentHelp("Port of the control API; 0 picks a free one.", valueName: "port"))
    var controlPort: Int?

    @Option(name: .long, help: ArgumentHelp("Base URL of the OMC that receives alarms and KPI reports.", valueName: "url"))
    var omc: String?

    @Option(name: .customLong("pm-speed"), help: ArgumentHelp("How much faster than real time measurement periods pass (1 - 100000); above 1 the NEs start measuring a day back and catch up with real time.", valueName: "factor"))
    var pmSpeed: Double = 1

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Folder for the files pushed to the NEs (default: a new temporary folder, removed at exit).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate (and chain) the NEs serve HTTPS with; needs --tls-key.", valueName: "file"))
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key of --tls-cert.", valueName: "file"))
    var tlsKey: String?

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (to standard error).", valueName: "level"))
    var logLevel: String = "warning"

    /// Parses the arguments itself so that every usage mistake exits 2, like a bad configuration file.
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if exitCode(for: error) == .success { exit(withError: error) }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    func run() async throws {
        let configuration: SimulatorConfiguration
        do {
            configuration = try makeConfiguration()
        } catch {
            Self.printError(error.description)
            throw ExitCode(2)
        }
        signal(SIGPIPE, SIG_IGN)
        let level = Logger.Level(rawValue: logLevel) ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "omc-nesim")
        let simulator: Simulator
        do {
            simulator = try Simulator(configuration: configuration, logger: logger)
        } catch {
            Self.printError("omc-nesim: cannot create the data folder: \(error.localizedDescription)")
            throw ExitCode(1)
        }
        do {
            try await simulator.run { lines in
                for line in lines { Self.printLine(line.description) }
            }
        } catch {
            Self.printError("omc-nesim: \(error)")
            throw ExitCode(1)
        }
    }

    /// The configuration from the file or the generator, with the command line's overrides.
    private func makeConfiguration() throws(ConfigurationError) -> SimulatorConfiguration {
        func usage(_ problem: String) -> ConfigurationError {
            ConfigurationError([ConfigurationDiagnostic(file: "omc-nesim", line: nil, problem: problem)])
        }
        var configuration: SimulatorConfiguration
        switch (config, generate) {
        case (let path?, nil):
            configuration = try ConfigurationFile.load(path: path)
        case (nil, let spec?):
            configuration = SimulatorConfiguration(nes: try GenerateSpecification.parse(spec))
        case (.some, .some):
            throw usage("give either --config FILE or --generate TYPES, not both")
        case (nil, nil):
            throw usage("give --config FILE or --generate TYPES (like --generate AMF:2,UDM:1); see --help")
        }
        guard !host.isEmpty else { throw usage("--host must not be empty") }
        configuration.host = host
        if let controlPort {
            guard (0...65535).contains(controlPort) else { throw usage("--control-port must be from 0 to 65535; got \(controlPort)") }
            configuration.controlPort = controlPort
        }
        if let omc {
            guard let url = SimulatorConfiguration.omcURL(omc) else {
                throw usage("--omc must be an http:// or https:// URL with a host, like http://127.0.0.1:8080; got '\(omc)'")
            }
            configuration.omc = url
        }
        guard pmSpeed >= 1, pmSpeed <= 100_000 else { throw usage("--pm-speed must be from 1 to 100000; got \(pmSpeed)") }
        configuration.measurementSpeed = pmSpeed
        if let dataDir {
            guard !dataDir.isEmpty else { throw usage("--data-dir must not be empty") }
            configuration.dataDirectory = dataDir
        }
        switch (tlsCertificate, tlsKey) {
        case (let certificate?, let key?):
            configuration.tls = try SimulatorTLS.load(certificateFile: certificate, keyFile: key)
        case (nil, nil):
            break
        default:
            throw usage("give --tls-cert and --tls-key together")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw usage("--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let file = config ?? "--generate"
        let problems = configuration.crossCheck(file: file) + configuration.pushesWithoutOMC.map { ne in
            ConfigurationDiagnostic(file: file, line: ne.line,
                                    problem: "\(ne.key) has scheduled pushes but no OMC is configured; set omc: in the file or give --omc URL")
        }
        guard problems.isEmpty else { throw ConfigurationError(problems) }
        return configuration
    }

    /// One line on standard output, written at once so a reading process sees it immediately.
    @Sendable private static func printLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    private static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
