import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Collects the attributes of every element with one of the given local names from a small XML part.
final class XMLElementCollector: NSObject, XMLParserDelegate {
    private let names: Set<String>
    private var found: [[String: String]] = []

    private init(names: Set<String>) {
        self.names = names
    }

    static func collect(_ names: Set<String>, from data: Data, part: String) throws -> [[String: String]] {
        let collector = XMLElementCollector(names: names)
        try WorkbookXML.parse(data, with: collector, part: part)
        return collector.found
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if names.contains(WorkbookXML.localName(elementName)) { found.append(attributes) }
    }
}
