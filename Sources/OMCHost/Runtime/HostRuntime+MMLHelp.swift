import PluginAPI
import Foundation

/// `LST CMD` and `HELP`: the command list in a layout that fits a terminal, and one command's
/// parameters. Both answer for the element type they are sent to (every type on `OMC`).
extension HostRuntime {
    /// The widest line the text answers write; longer help texts wrap under their column.
    static let terminalWidth = 100

    /// The NE type a description command is about: `NETYPE` when given, else the element type it was
    /// sent to; `nil` (every type) on `OMC`.
    private static func subjectType(_ invocation: MMLInvocation) -> String? {
        if let given = invocation.string("NETYPE")?.uppercased() { return given }
        return invocation.neType == BuiltinMMLCommand.neType ? nil : invocation.neType
    }

    /// The commands of one NE type (with those the OMC answers on every type when `withEverywhere`),
    /// or every command when `type` is `nil`.
    private func describedCommands(for type: String?, withEverywhere: Bool = false) -> [MMLCommandTable.Entry] {
        assembly.mml.all.filter { entry in
            guard let type else { return true }
            return entry.neType == type
                || (withEverywhere && entry.neType == BuiltinMMLCommand.neType && BuiltinMMLCommand.answeredOnEveryNEType.contains(entry.name))
        }
    }

    /// `message` in the caller's language (English when `translations` is `nil`).
    static func rendered(_ message: LocalizedMessage, _ translations: MessageTranslations?) -> String {
        message.rendered(translations)
    }

    func commandList(_ invocation: MMLInvocation, _ translations: MessageTranslations?) -> MMLReply {
        let entries = describedCommands(for: Self.subjectType(invocation))
        let rows = entries.map { [$0.neType, $0.name, $0.risk.rawValue, $0.help.rendered(translations)] }
        let objects = entries.map { entry in
            JSONValue.object(["NE type": .string(entry.neType), "Command": .string(entry.name),
                              "Parameters": .string(entry.parameters.map { "\($0.name)\($0.required ? "" : "?")=<\($0.ruleDescription.rendered(translations))>" }
                                  .joined(separator: ", ")),
                              "Privilege": .string(entry.privilege.description), "Risk": .string(entry.risk.rawValue), "Help": .string(entry.help.rendered(translations))])
        }
        let headers = [Self.rendered("NE type", translations), Self.rendered("Command", translations),
                       Self.rendered("Risk", translations), Self.rendered("Help", translations)]
        let text = Self.narrowTable(headers: headers, rows: rows) + "\n"
            + Self.rendered(rows.count == 1 ? "(1 record; HELP <command> shows a command's parameters)"
                : "(\(rows.count) records; HELP <command> shows a command's parameters)", translations)
        return MMLReply(output: text, data: .array(objects))
    }

    func commandHelp(_ invocation: MMLInvocation, _ translations: MessageTranslations?) throws(OMCError) -> MMLReply {
        let type = invocation.neType == BuiltinMMLCommand.neType ? nil : invocation.neType
        guard let wanted = invocation.string("CMD") else {
            let entries = describedCommands(for: type, withEverywhere: true)
            let headers = [Self.rendered("NE type", translations), Self.rendered("Command", translations), Self.rendered("Help", translations)]
            let text = Self.narrowTable(headers: headers, rows: entries.map { [$0.neType, $0.name, $0.help.rendered(translations)] })
                + "\n" + Self.rendered("HELP <command> (e.g. HELP LST CMD) shows a command's parameters and an example.", translations)
            return MMLReply(output: text, data: .array(entries.map { .object(["NE type": .string($0.neType), "Command": .string($0.name)]) }))
        }
        let name = wanted.split(whereSeparator: \.isWhitespace).joined(separator: " ").uppercased()
        let matches = describedCommands(for: type, withEverywhere: true).filter { $0.name == name }
        guard !matches.isEmpty else {
            guard let type else { throw OMCError.notFound("no MML command \(name) for any NE type (LST CMD lists them)") }
            throw OMCError.notFound("no MML command \(name) for NE type \(type) (LST CMD lists them); a command the OMC does not know is sent on to the \(type) NE, which documents its own")
        }
        var blocks: [String] = []
        var objects: [JSONValue] = []
        for entry in matches {
            var lines = [Self.rendered("\(entry.name)  (NE type \(entry.neType), \(entry.risk.rawValue), needs \(entry.privilege.description))",
                                       translations)]
            lines += Self.wrap(entry.help.rendered(translations), width: Self.terminalWidth - 2).map { "  " + $0 }
            if entry.parameters.isEmpty {
                lines.append(Self.rendered("Parameters: none", translations))
            } else {
                lines.append(Self.rendered("Parameters:", translations))
                let rows = entry.parameters.map { parameter in
                    [parameter.name, Self.rendered(parameter.required ? "required" : "optional", translations),
                     parameter.ruleDescription.rendered(translations), parameter.help.rendered(translations)]
                }
                lines += Self.narrowTable(headers: nil, rows: rows).split(separator: "\n").map { "  " + $0 }
            }
            let example = entry.parameters.filter(\.required).map { "\($0.name)=<\($0.ruleDescription.rendered(translations))>" }
                .joined(separator: ", ")
            lines.append(Self.rendered("Example: \(entry.name + (example.isEmpty ? "" : ": " + example))", translations))
            if entry.risk == .highRisk { lines.append(Self.rendered("High-risk: send it with \"confirm\": true.", translations)) }
            blocks.append(lines.joined(separator: "\n"))
            objects.append(.object([
                "NE type": .string(entry.neType), "Command": .string(entry.name), "Help": .string(entry.help.rendered(translations)),
                "Privilege": .string(entry.privilege.description), "Risk": .string(entry.risk.rawValue),
                "Parameters": .array(entry.parameters.map { parameter in
                    .object(["name": .string(parameter.name), "required": .bool(parameter.required), "rule": .string(parameter.ruleDescription.rendered(translations)),
                             "help": .string(parameter.help.rendered(translations))])
                }),
            ]))
        }
        return MMLReply(output: blocks.joined(separator: "\n\n"), data: objects.count == 1 ? objects[0] : .array(objects))
    }

    /// Columns aligned like ``MMLReply/table(headers:rows:)``, but the last column wraps so that no
    /// line is wider than ``terminalWidth`` (at least 30 characters are left for it).
    static func narrowTable(headers: [String]?, rows: [[String]]) -> String {
        let all = (headers.map { [$0] } ?? []) + rows
        guard let columns = all.map(\.count).max(), columns > 0 else { return "" }
        let widths = (0..<columns - 1).map { column in all.reduce(0) { max($0, column < $1.count ? $1[column].count : 0) } }
        let indent = widths.reduce(0) { $0 + $1 + 2 }
        let lastWidth = max(30, terminalWidth - indent)
        var lines: [String] = []
        for row in all {
            let lead = (0..<columns - 1).map { column in
                (column < row.count ? row[column] : "").padding(toLength: widths[column], withPad: " ", startingAt: 0) + "  "
            }.joined()
            let wrapped = wrap(row.count == columns ? row[columns - 1] : "", width: lastWidth)
            lines.append(lead + (wrapped.first ?? ""))
            for more in wrapped.dropFirst() { lines.append(String(repeating: " ", count: indent) + more) }
        }
        return lines.map { $0.replacing(/\s+$/, with: "") }.joined(separator: "\n")
    }

    /// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
