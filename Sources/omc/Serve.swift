import ArgumentParser
import Foundation
import OMCHost

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Start the OMC: check plugins.yaml, migrate the database, start the plugins, listen.")

    @OptionGroup var options: ConfigOption

    @Option(help: "Listen on this port instead of the file's server.port (0 picks a free one).")
    var port: Int?

    @Option(help: "Listen on this address instead of the file's server.host.")
    var host: String?

    @Option(name: .customLong("data-dir"), help: "Keep the database here instead of the file's server.dataDir.")
    var dataDirectory: String?

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        var file = try options.load()
        if let port { file.server.port = port }
        if let host { file.server.host = host }
        if let dataDirectory { file.server.dataDirectory = dataDirectory }
        Launcher.bootstrapLogging()
        let assembly = try assemble(file)
        let scheme = file.server.tls == nil ? "http" : "https"
        do {
            try await Launcher.serve(assembly) { host, port in
                let elapsed = ContinuousClock.now - started
                let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
                let line = "OMC listening on \(scheme)://\(host):\(port) (started in \(Int(milliseconds)) ms)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("omc: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
