import ArgumentParser
import OMCHost

struct Routes: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List every route the OMC would mount, with its plugin and permission.")

    @OptionGroup var options: ConfigOption

    func run() throws {
        let assembly = try assemble(try options.load())
        let rows = assembly.routeListing.map { [$0.method, $0.path, $0.permission, $0.owner, $0.summary] }
        print(TextTable.render(headers: ["METHOD", "PATH", "PERMISSION", "PLUGIN", "SUMMARY"], rows: rows))
    }
}
