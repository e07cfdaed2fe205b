import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// XML helpers shared by the parsers of a workbook's parts.
enum WorkbookXML {
    /// Excel's limit on the characters of one cell; the reader refuses longer text, in UTF-8 bytes at
    /// four per character so that no valid cell is refused.
    static let maximumCellBytes = 32_767 * 4

    /// Parses a small part held in memory with `delegate`; malformed XML is a corrupt workbook.
    static func parse(_ data: Data, with delegate: any XMLParserDelegate, part: String) throws {
        try parse(XMLParser(data: data), with: delegate, part: part)
    }

    /// Parses a part streamed from `stream` with `delegate`; malformed XML is a corrupt workbook.
    static func parse(_ stream: InputStream, with delegate: any XMLParserDelegate, part: String) throws {
        try parse(XMLParser(stream: stream), with: delegate, part: part)
    }

    /// The parser's verdict in the OMC's own words: where the XML broke, never the XML library's
    /// error text (which names its error domain and internals).
    static func notWellFormed(_ parser: XMLParser, part: String) -> SpreadsheetError {
        SpreadsheetError(.corrupt, "the part \(part) is not well-formed XML (line \(parser.lineNumber), column \(parser.columnNumber))")
    }

    /// An element name without its namespace prefix (`x:row` → `row`): writers differ in prefixes.
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private static func parse(_ parser: XMLParser, with delegate: any XMLParserDelegate, part: String) throws {
        parser.delegate = delegate
        parser.shouldResolveExternalEntities = false
        guard parser.parse() else { throw notWellFormed(parser, part: part) }
    }
}
