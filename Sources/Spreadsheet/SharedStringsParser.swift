import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/sharedStrings.xml`: one string per `<si>`, the text of its `<t>` elements (rich-text runs
/// joined), phonetic hints (`<rPh>`) left out.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private static let part = "xl/sharedStrings.xml"
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0
    private var failure: SpreadsheetError?

    static func parse(_ stream: InputStream) throws -> [String] {
        let delegate = SharedStringsParser()
        do {
            try WorkbookXML.parse(stream, with: delegate, part: part)
        } catch {
            throw delegate.failure ?? error
        }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch WorkbookXML.localName(elementName) {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        switch WorkbookXML.localName(elementName) {
        case "si": strings.append(current)
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText, failure == nil else { return }
        current += string
        if current.utf8.count > WorkbookXML.maximumCellBytes {
            failure = SpreadsheetError(.tooLarge, "shared string \(strings.count + 1) of \(Self.part) is longer than 32,767 characters, Excel's limit for a cell")
            parser.abortParsing()
        }
    }
}
