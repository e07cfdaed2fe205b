import ArgumentParser
import Foundation
import OMCHost

struct Plugins: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Inspect the plugins of this build and check a plugins.yaml.",
        subcommands: [List.self, Check.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every plugin of this build and whether plugins.yaml enables it.")

        @OptionGroup var options: ConfigOption

        func run() throws {
            let inventory = PluginInventory(file: try options.load(), catalog: bundledPlugins)
            guard !inventory.rows.isEmpty else {
                print("This build has no plugins.")
                return
            }
            let rows = inventory.rows.map { row in
                [row.id, row.version, row.kind, row.enabled ? "yes" : "no",
                 row.routes.map(String.init) ?? "-", row.mmlCommands.map(String.init) ?? "-",
                 row.migrations.map(String.init) ?? "-", row.summary]
            }
            print(TextTable.render(headers: ["ID", "VERSION", "KIND", "ENABLED", "ROUTES", "MML", "MIGRATIONS", "SUMMARY"], rows: rows))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a plugins.yaml without starting anything: syntax, plugin ids, dependencies, API versions, configuration, route and MML clashes.")

        @Argument(help: "The file to check.")
        var file = "plugins.yaml"

        func run() throws {
            let assembly = try assemble(try loadConfiguration(file))
            print("\(file): OK, \(assembly.pluginCount) plugin(s) enabled, \(assembly.routeListing.count) route(s)")
        }
    }
}
