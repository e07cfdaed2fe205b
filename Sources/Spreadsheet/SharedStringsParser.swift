import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads `xl/sharedStrings.xml`: one string per `<si>`, the text of its `<t>` elements (rich-text runs
/// joined), phonetic hints (`<rPh>`) left out.
final class SharedStringsParser: NSObject, XMLParserDelegate {
    private var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStringsParser()
        try WorkbookXML.parse(data, with: delegate, part: "xl/sharedStrings.xml")
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
        if inText { current += string }
    }
}
