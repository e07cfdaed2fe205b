import ArgumentParser
import Foundation
import OMCHost

@main
struct OMCCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "omc",
        abstract: "Operations & Maintenance Center for 5G core network elements.",
        version: OMCVersion.current,
        subcommands: [Serve.self, Plugins.self, Routes.self])
}

/// `--config FILE`, shared by the subcommands.
struct ConfigOption: ParsableArguments {
    @Option(name: .long, help: "The plugins.yaml to use.")
    var config = "plugins.yaml"

    func load() throws -> PluginsFile { try loadConfiguration(config) }
}

/// The parsed file, or the diagnostics on standard error and exit code 2.
func loadConfiguration(_ path: String) throws -> PluginsFile {
    do {
        return try Launcher.loadFile(path)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}

/// Reports configuration mistakes on standard error with exit code 2.
func assemble(_ file: PluginsFile) throws -> HostAssembly {
    do {
        return try HostAssembly.assemble(file, catalog: bundledPlugins)
    } catch {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        throw ExitCode(2)
    }
}
