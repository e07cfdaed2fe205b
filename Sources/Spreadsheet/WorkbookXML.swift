import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML helpers shared by the parsers of a workbook's parts.
enum WorkbookXML {
    /// Parses a small part held in memory with `delegate`; malformed XML is a corrupt workbook.
    static func parse(_ data: Data, with delegate: any XMLParserDelegate, part: String) throws {
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        guard parser.parse() else {
            throw SpreadsheetError(.corrupt, "the part \(part) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
    }

    /// An element name without its namespace prefix (`x:row` → `row`): writers differ in prefixes.
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }
}
